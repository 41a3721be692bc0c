ALTER TABLE "salons" ADD COLUMN "published_at" timestamp with time zone;--> statement-breakpoint
-- Salons that existed before publication was a step were open to customers: they stay so.
UPDATE "salons" SET "published_at" = "created_at" WHERE "published_at" IS NULL;
