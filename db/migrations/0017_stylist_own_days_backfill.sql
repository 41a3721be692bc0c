-- Salon hours arrive with no salon having any, and every stylist that exists now keeps exactly the
-- week they had: all seven weekdays are their own, so their working_hours rows (and their days
-- without rows: days off) apply as before. Stylists added from now on follow the salon's hours.
INSERT INTO "stylist_own_days" ("stylist_id", "weekday")
SELECT "stylists"."id", "days"."weekday" FROM "stylists" CROSS JOIN generate_series(1, 7) AS "days"("weekday")
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- A stylist's effective hours: their own rows (which exist only on their own days, by the foreign
-- key the next migration adds), and the salon's hours on every weekday that is not their own.
CREATE VIEW "effective_hours" AS
SELECT "wh"."stylist_id", "wh"."weekday", "wh"."start_time", "wh"."end_time"
FROM "working_hours" "wh"
UNION ALL
SELECT "st"."id", "sh"."weekday", "sh"."start_time", "sh"."end_time"
FROM "stylists" "st" JOIN "salon_hours" "sh" ON "sh"."salon_id" = "st"."salon_id"
WHERE NOT EXISTS (
  SELECT 1 FROM "stylist_own_days" "od" WHERE "od"."stylist_id" = "st"."id" AND "od"."weekday" = "sh"."weekday"
);
