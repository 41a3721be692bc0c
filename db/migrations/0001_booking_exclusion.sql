-- No two active bookings of one stylist may overlap, buffer included. Postgres enforces it, so
-- no application race can double-book: a losing insert fails with SQLSTATE 23P01.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "bookings" ADD CONSTRAINT "bookings_no_overlap"
  EXCLUDE USING gist ("stylist_id" WITH =, tstzrange("starts_at", "blocked_until", '[)') WITH &&)
  WHERE ("status" <> 'cancelled');
