// Migration 0007 (per-channel delivery state) applied to a database made by the previous schema,
// with data of every kind the old relay left behind: it must carry each forward to the new states.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseBefore, type DatabaseBeforeMigration } from "@/lib/testing/migrations";
import { resultRows } from "./rows";

let db: DatabaseBeforeMigration;

beforeAll(async () => {
  db = await databaseBefore("0007_outbox_per_channel_deliveries");
});
afterAll(async () => {
  await db.dispose();
});

const rows = async <T,>(query: ReturnType<typeof sql>) => resultRows<T>(await db.db.execute(query));

describe("migration 0007: per-channel delivery state", () => {
  it("carries sent, dead, retrying and in-flight events of the old relay forward", async () => {
    // Data as the old relay left it.
    await db.db.execute(sql`
      with owner as (insert into owners (email, name, password_hash) values ('m@example.test', 'M', 'x') returning id),
      salon as (insert into salons (owner_id, slug, name, time_zone) select id, 'migrating', 'Migrating', 'Europe/London' from owner returning id)
      insert into outbox (id, aggregate_type, aggregate_id, salon_id, event_type, payload, status, attempts, last_error, sent_at, lease_holder, lease_expires_at)
      select v.id, 'booking', v.aggregate::uuid, salon.id, 'booking.created', '{"reference":"R"}'::json, v.status, v.attempts, v.error,
             case when v.status = 'sent' then now() end, v.holder, case when v.holder is not null then now() end
      from salon, (values
        (1, '11111111-1111-1111-1111-111111111111', 'sent', 0, null, null),
        (2, '22222222-2222-2222-2222-222222222222', 'dead', 8, 'owner-email: 550 mailbox unavailable', null),
        (3, '33333333-3333-3333-3333-333333333333', 'pending', 2, 'owner-email: 451 try later', null),
        (4, '44444444-4444-4444-4444-444444444444', 'processing', 0, null, 'old-relay')
      ) as v(id, aggregate, status, attempts, error, holder)
    `);
    await db.db.execute(sql`
      insert into deliveries (event_id, channel, status, attempts, last_error, delivered_at, latency_ms) values
        (1, 'dashboard', 'delivered', 1, null, now(), 12),
        (1, 'owner-email', 'delivered', 1, null, now(), 40),
        (2, 'dashboard', 'delivered', 1, null, now(), 9),
        (2, 'owner-email', 'failed', 8, '550 mailbox unavailable', null, null),
        (3, 'dashboard', 'delivered', 1, null, now(), 10),
        (3, 'owner-email', 'failed', 2, '451 try later', null, null),
        (99, 'dashboard', 'delivered', 1, null, now(), 1)
    `);

    await db.migrateForward();

    const events = await rows<{ id: number; status: string; open_deliveries: number; lease_holder: string | null; finished: boolean }>(
      sql`select id::int, status, open_deliveries, lease_holder, finished_at is not null as finished from outbox order by id`,
    );
    expect(events).toEqual([
      { id: 1, status: "done", open_deliveries: 0, lease_holder: null, finished: true },
      { id: 2, status: "done", open_deliveries: 0, lease_holder: null, finished: true },
      { id: 3, status: "pending", open_deliveries: 0, lease_holder: null, finished: false },
      { id: 4, status: "pending", open_deliveries: 0, lease_holder: null, finished: false },
    ]);
    const delivered = await rows<{ event_id: number; channel: string; status: string; failure: string | null; last_error: string | null; salon: boolean }>(
      sql`select event_id::int, channel, status, failure, last_error, salon_id is not null as salon from deliveries order by event_id, channel`,
    );
    expect(delivered).toEqual([
      { event_id: 1, channel: "dashboard", status: "delivered", failure: null, last_error: null, salon: true },
      { event_id: 1, channel: "owner-email", status: "delivered", failure: null, last_error: null, salon: true },
      { event_id: 2, channel: "dashboard", status: "delivered", failure: null, last_error: null, salon: true },
      // The dead event's failed channel gave up, with its reason: the owner can retry it.
      { event_id: 2, channel: "owner-email", status: "given_up", failure: "transient", last_error: "550 mailbox unavailable", salon: true },
      // The retrying event keeps what was delivered; its failed channel is tried afresh at fan-out.
      { event_id: 3, channel: "dashboard", status: "delivered", failure: null, last_error: null, salon: true },
    ]);
  });
});
