CREATE TABLE "salon_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"salon_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"start_time" time NOT NULL,
	"end_time" time NOT NULL,
	CONSTRAINT "salon_hours_weekday" CHECK ("salon_hours"."weekday" between 1 and 7),
	CONSTRAINT "salon_hours_order" CHECK ("salon_hours"."start_time" < "salon_hours"."end_time")
);
--> statement-breakpoint
CREATE TABLE "stylist_own_days" (
	"stylist_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	CONSTRAINT "stylist_own_days_stylist_id_weekday_pk" PRIMARY KEY("stylist_id","weekday"),
	CONSTRAINT "stylist_own_days_weekday" CHECK ("stylist_own_days"."weekday" between 1 and 7)
);
--> statement-breakpoint
ALTER TABLE "salon_hours" ADD CONSTRAINT "salon_hours_salon_id_salons_id_fk" FOREIGN KEY ("salon_id") REFERENCES "public"."salons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stylist_own_days" ADD CONSTRAINT "stylist_own_days_stylist_id_stylists_id_fk" FOREIGN KEY ("stylist_id") REFERENCES "public"."stylists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "salon_hours_salon_idx" ON "salon_hours" USING btree ("salon_id","weekday");