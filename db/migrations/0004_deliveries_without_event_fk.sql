ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_event_id_outbox_id_fk";
