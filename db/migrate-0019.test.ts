// Migration 0019 (deliveries made at fan-out recorded on their event) applied to a database made by
// the previous schema, with a delivered event in it: its dashboard delivery, a deliveries row from
// before, still reads as delivered beside the ones recorded the new way, and events migrated
// half-way through their delivery finish as before.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveryRecords } from "@/lib/outbox/delivery-records";
import { drainOutbox } from "@/lib/outbox/relay";
import { createRecordingChannel, testRelaySettings } from "@/lib/outbox/testing";
import { databaseBefore, type DatabaseBeforeMigration } from "@/lib/testing/migrations";
import { resultRows } from "./rows";

let db: DatabaseBeforeMigration;

beforeAll(async () => {
  db = await databaseBefore("0019_outbox_inline_deliveries");
});
afterAll(async () => {
  await db.dispose();
});

describe("migration 0019: inline deliveries on the event", () => {
  it("keeps earlier deliveries rows readable and lets a half-delivered event finish", async () => {
    // Event 1 was delivered on both channels (two rows); event 2 has its dashboard delivered and
    // its email still pending in the email lane.
    await db.db.execute(sql`
      with owner as (insert into owners (email, name, password_hash) values ('m19@example.test', 'M', 'x') returning id),
           salon as (insert into salons (owner_id, slug, name, time_zone) select id, 'm19', 'M19', 'Europe/London' from owner returning id),
           events as (
             insert into outbox (id, aggregate_type, aggregate_id, salon_id, event_type, payload, status, open_deliveries, finished_at)
             select v.id, 'booking', gen_random_uuid(), salon.id, 'booking.created', '{}'::json, v.status, v.open, v.finished::timestamptz
             from salon, (values (1, 'done', 0, '2027-01-01T10:00:00Z'), (2, 'delivering', 1, null)) as v(id, status, open, finished)
             returning id, aggregate_id, salon_id
           )
      insert into deliveries (event_id, channel, aggregate_id, salon_id, status, attempts, delivered_at, latency_ms)
      select e.id, v.channel, e.aggregate_id, e.salon_id, v.status, v.attempts, v.delivered::timestamptz, v.latency
      from events e join (values
        (1, 'dashboard', 'delivered', 1, '2027-01-01T10:00:00Z', 40), (1, 'email', 'delivered', 1, '2027-01-01T10:00:00Z', 900),
        (2, 'dashboard', 'delivered', 1, '2027-01-01T10:00:00Z', 35), (2, 'email', 'pending', 0, null, null)
      ) as v(id, channel, status, attempts, delivered, latency) on v.id = e.id`);

    await db.migrateForward();
    await db.db.execute(sql`select setval('outbox_id_seq', 2)`);

    const email = createRecordingChannel("email", "queued");
    const dashboard = createRecordingChannel("dashboard", "inline");
    await drainOutbox(db.db, { holder: "m19", channels: [dashboard, email], settings: testRelaySettings(), now: () => new Date() });
    expect(email.delivered).toEqual([2]);
    expect(dashboard.delivered).toEqual([]);
    const records = await deliveryRecords(db.db, [1, 2]);
    expect(records.map((r) => [r.eventId, r.channel, r.status, r.latencyMs])).toEqual([
      [1, "dashboard", "delivered", 40],
      [1, "email", "delivered", 900],
      [2, "dashboard", "delivered", 35],
      [2, "email", "delivered", expect.any(Number)],
    ]);
    const statuses = resultRows<{ id: number; status: string; inline_deliveries: unknown }>(
      await db.db.execute(sql`select id::int, status, inline_deliveries from outbox order by id`),
    );
    expect(statuses).toEqual([
      { id: 1, status: "done", inline_deliveries: null },
      { id: 2, status: "done", inline_deliveries: null },
    ]);
  });
});
