-- Event payloads as json (their text) rather than jsonb: written once, read whole, never queried
-- inside. jsonb was re-serialised on every read, and the size CHECK converted it to text on every
-- UPDATE of the row (each claim and completion). Rewrites both tables once.
ALTER TABLE "outbox" ALTER COLUMN "payload" SET DATA TYPE json;--> statement-breakpoint
ALTER TABLE "owner_notifications" ALTER COLUMN "payload" SET DATA TYPE json;