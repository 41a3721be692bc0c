-- Per-channel delivery state: each (event, channel) keeps its own status, attempts, next attempt,
-- retry horizon, lease and last error, so one channel's failure never holds back another's, and
-- a channel that gave up does not hold back the booking's later events. An event is done when
-- every channel has delivered or given up (outbox.open_deliveries reaches 0).
-- Existing data: sent events are done; dead events are done with their failed channels given up
-- (Retry on the delivery-health page sends them round again); a failed delivery of an event still
-- pending is forgotten, so the event's fan-out tries that channel afresh.
ALTER TABLE "outbox" RENAME COLUMN "sent_at" TO "finished_at";--> statement-breakpoint
ALTER TABLE "outbox" DROP CONSTRAINT "outbox_status";--> statement-breakpoint
DROP INDEX "outbox_dead_idx";--> statement-breakpoint
DROP INDEX "outbox_sent_idx";--> statement-breakpoint
-- Room on each page for a claimed delivery's next version (a HOT update), as on the outbox.
ALTER TABLE "deliveries" SET (fillfactor = 70);--> statement-breakpoint
DELETE FROM "deliveries" d WHERE NOT EXISTS (SELECT 1 FROM "outbox" o WHERE o.id = d.event_id);--> statement-breakpoint
DELETE FROM "deliveries" d USING "outbox" o WHERE o.id = d.event_id AND o.status <> 'dead' AND d.status <> 'delivered';--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "aggregate_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "salon_id" uuid;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lease_lapses" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "give_up_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lease_holder" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "lease_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "failure" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
UPDATE "deliveries" d SET
  "aggregate_id" = o.aggregate_id,
  "salon_id" = o.salon_id,
  "status" = CASE WHEN d.status = 'delivered' THEN 'delivered' ELSE 'given_up' END,
  "failure" = CASE WHEN d.status = 'delivered' THEN NULL ELSE 'transient' END,
  "last_error" = CASE WHEN d.status = 'delivered' THEN d.last_error ELSE coalesce(d.last_error, o.last_error) END,
  "created_at" = o.created_at
FROM "outbox" o WHERE o.id = d.event_id;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "aggregate_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "salon_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "open" boolean GENERATED ALWAYS AS (status in ('pending','processing')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "given_up" boolean GENERATED ALWAYS AS (status = 'given_up') STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "open_deliveries" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
UPDATE "outbox" SET "status" = 'done', "finished_at" = coalesce("finished_at", now()), "lease_holder" = NULL, "lease_expires_at" = NULL
WHERE "status" IN ('sent', 'dead');--> statement-breakpoint
-- An event still to be delivered is fanned out afresh; its old attempt count meant failures of
-- the whole event, which now belong to its channels.
UPDATE "outbox" SET "status" = 'pending', "attempts" = 0, "lease_holder" = NULL, "lease_expires_at" = NULL WHERE "status" IN ('pending', 'processing');--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("channel","next_attempt_at","event_id") WHERE "deliveries"."open";--> statement-breakpoint
CREATE INDEX "deliveries_order_idx" ON "deliveries" USING btree ("aggregate_id","channel","event_id") WHERE "deliveries"."open";--> statement-breakpoint
CREATE INDEX "deliveries_given_up_idx" ON "deliveries" USING btree ("salon_id","event_id") WHERE "deliveries"."given_up";--> statement-breakpoint
CREATE INDEX "outbox_finished_idx" ON "outbox" USING btree ("finished_at") WHERE "outbox"."finished_at" is not null;--> statement-breakpoint
ALTER TABLE "outbox" DROP COLUMN "dead";--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_status" CHECK ("deliveries"."status" in ('pending','processing','delivered','given_up'));--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_failure" CHECK ("deliveries"."failure" is null or "deliveries"."failure" in ('transient','permanent','expired','lease'));--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_open_deliveries" CHECK ("outbox"."open_deliveries" >= 0);--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_status" CHECK ("outbox"."status" in ('pending','processing','delivering','done'));
