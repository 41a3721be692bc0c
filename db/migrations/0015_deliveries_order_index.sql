DROP INDEX "deliveries_order_idx";--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("aggregate_id","channel","event_id");