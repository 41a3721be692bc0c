ALTER TABLE "salons" ADD COLUMN "contact_phone" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "salons" ADD COLUMN "country" text DEFAULT 'GB' NOT NULL;--> statement-breakpoint
ALTER TABLE "salons" ADD COLUMN "currency" text DEFAULT 'GBP' NOT NULL;--> statement-breakpoint
ALTER TABLE "salons" ADD COLUMN "locale" text DEFAULT 'en-GB' NOT NULL;--> statement-breakpoint
ALTER TABLE "salons" ADD CONSTRAINT "salons_country_code" CHECK ("salons"."country" ~ '^[A-Z]{2}$');--> statement-breakpoint
ALTER TABLE "salons" ADD CONSTRAINT "salons_currency_code" CHECK ("salons"."currency" ~ '^[A-Z]{3}$');