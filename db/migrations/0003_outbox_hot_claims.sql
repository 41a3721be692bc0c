-- Room on each page for a row's next versions, so a claim's update can stay on its page (HOT).
-- Set before the columns are added: adding a stored generated column rewrites the table, which
-- then honours it.
ALTER TABLE "outbox" SET (fillfactor = 50);--> statement-breakpoint
DROP INDEX "outbox_salon_status_idx";--> statement-breakpoint
DROP INDEX "outbox_due_idx";--> statement-breakpoint
DROP INDEX "outbox_sent_idx";--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "queued" boolean GENERATED ALWAYS AS (status in ('pending','processing')) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "dead" boolean GENERATED ALWAYS AS (status = 'dead') STORED NOT NULL;--> statement-breakpoint
CREATE INDEX "outbox_salon_idx" ON "outbox" USING btree ("salon_id","id");--> statement-breakpoint
CREATE INDEX "outbox_dead_idx" ON "outbox" USING btree ("salon_id","id") WHERE "outbox"."dead";--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("next_attempt_at","id") WHERE "outbox"."queued";--> statement-breakpoint
CREATE INDEX "outbox_sent_idx" ON "outbox" USING btree ("sent_at") WHERE "outbox"."sent_at" is not null;