ALTER TABLE "salons" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "time_off" ADD COLUMN "start_time" time;--> statement-breakpoint
ALTER TABLE "time_off" ADD COLUMN "end_time" time;--> statement-breakpoint
ALTER TABLE "time_off" ADD CONSTRAINT "time_off_part_day" CHECK (("time_off"."start_time" is null and "time_off"."end_time" is null) or ("time_off"."start_time" < "time_off"."end_time" and "time_off"."start_date" = "time_off"."end_date"));--> statement-breakpoint
-- Salons that existed before publication was a step were open to customers: they stay so.
UPDATE "salons" SET "published_at" = "created_at" WHERE "published_at" IS NULL;
