CREATE TABLE "salon_day_sheets" (
	"salon_id" uuid NOT NULL,
	"local_date" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "salon_day_sheets_salon_id_local_date_pk" PRIMARY KEY("salon_id","local_date")
);
--> statement-breakpoint
ALTER TABLE "salons" ADD COLUMN "reminder_offsets_minutes" integer[] DEFAULT '{1440}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "salons" ADD COLUMN "day_sheet_time" time DEFAULT '07:00';--> statement-breakpoint
ALTER TABLE "salon_day_sheets" ADD CONSTRAINT "salon_day_sheets_salon_id_salons_id_fk" FOREIGN KEY ("salon_id") REFERENCES "public"."salons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "salons" ADD CONSTRAINT "salons_reminder_offsets" CHECK (cardinality("salons"."reminder_offsets_minutes") <= 2 and 5 <= all("salons"."reminder_offsets_minutes") and 20160 >= all("salons"."reminder_offsets_minutes"));