import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { bookingManageTokens, bookings } from "@/db/schema";
import { getConfig } from "@/lib/config/env";
import { pgConstraintName, pgErrorCode } from "@/lib/db-errors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createBooking } from "./create-booking";
import { insertBookingWithEvent, type NewBookingValues } from "./insert-booking";
import { bookingRequest, countRows, londonStart, newKey, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Invariant 1: a booking exists if and only if its booking.created event exists.

let t: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await createSalonFixture(t.db, { bufferMinutes: 5 });
});
afterAll(async () => {
  await t?.dispose();
});

function bookingValues(overrides: Partial<NewBookingValues> = {}): NewBookingValues {
  return {
    reference: `T${Math.random().toString(36).slice(2, 9).toUpperCase()}`,
    salonId: f.salon.id,
    serviceId: f.services[0].id,
    stylistId: f.stylists[0].id,
    customerName: "Jo Bloggs",
    customerEmail: "jo@example.com",
    startsAt: new Date("2027-07-01T09:00:00Z"),
    endsAt: new Date("2027-07-01T09:30:00Z"),
    blockedUntil: new Date("2027-07-01T09:35:00Z"),
    idempotencyKey: newKey("atomic"),
    requestHash: "0".repeat(64),
    ...overrides,
  };
}
const context = () => ({ salon: f.salon, service: f.services[0], stylist: { id: f.stylists[0].id, name: f.stylists[0].name } });

describe("booking and outbox commit together or not at all", () => {
  it("an outbox row over the 16 KB payload cap rolls the booking back too", async () => {
    const before = await countRows(t.db);
    const error = await insertBookingWithEvent(t.db, bookingValues({ customerName: "x".repeat(20_000) }), context()).catch((e) => e);
    expect(pgErrorCode(error)).toBe("23514");
    expect(pgConstraintName(error)).toBe("outbox_payload_size");
    expect(await countRows(t.db)).toEqual(before);
    // The slot is not held by a ghost booking: the same time can be written normally.
    await insertBookingWithEvent(t.db, bookingValues(), context());
    expect(await countRows(t.db)).toEqual({ bookings: before.bookings + 1, outbox: before.outbox + 1 });
  });

  it("an error injected into the outbox insert leaves neither row, and createBooking does not swallow it", async () => {
    const before = await countRows(t.db);
    const request = bookingRequest(f, { start: londonStart("11:00", "2027-07-02"), customer: { name: "Inject Outbox Failure", email: "jo@example.com" } });
    // The database refuses this booking's event after the booking row is in: the failure happens
    // inside the booking's transaction, in the statement that writes both.
    await t.db.execute(sql.raw(`
      create function fail_marked_outbox_insert() returns trigger language plpgsql as $$
      begin
        if new.payload -> 'customer' ->> 'name' = 'Inject Outbox Failure' then
          raise exception 'injected outbox failure';
        end if;
        return new;
      end $$`));
    await t.db.execute(sql.raw("create trigger fail_marked_outbox_insert before insert on outbox for each row execute function fail_marked_outbox_insert()"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const error = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW }).catch((e: unknown) => e);
      // raise_exception, from the trigger (Drizzle wraps the driver's error as its cause)
      expect(pgErrorCode(error)).toBe("P0001");
      expect(String((error as Error).cause ?? error)).toContain("injected outbox failure");
      expect(logged).toHaveBeenCalledWith(expect.stringContaining('"msg":"booking insert failed"'));
    } finally {
      logged.mockRestore();
      await t.db.execute(sql.raw("drop trigger fail_marked_outbox_insert on outbox"));
      await t.db.execute(sql.raw("drop function fail_marked_outbox_insert()"));
    }
    expect(await countRows(t.db)).toEqual(before);

    // Nothing was left behind: the same request then succeeds, with exactly one event and the
    // reminder the salon sends the day before.
    const retry = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    expect(retry.status).toBe("created");
    expect(await countRows(t.db)).toEqual({ bookings: before.bookings + 1, outbox: before.outbox + 2 });
  });

  it("a reminder the database refuses rolls back the booking and its event with it", async () => {
    const before = await countRows(t.db);
    const request = bookingRequest(f, { start: londonStart("11:00", "2027-07-05"), customer: { name: "Inject Reminder Failure", email: "jo@example.com" } });
    await t.db.execute(sql.raw(`
      create function fail_marked_reminder_insert() returns trigger language plpgsql as $$
      begin
        if new.event_type = 'booking.reminder' and new.payload -> 'customer' ->> 'name' = 'Inject Reminder Failure' then
          raise exception 'injected reminder failure';
        end if;
        return new;
      end $$`));
    await t.db.execute(sql.raw("create trigger fail_marked_reminder_insert before insert on outbox for each row execute function fail_marked_reminder_insert()"));
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const error = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW }).catch((e: unknown) => e);
      expect(pgErrorCode(error)).toBe("P0001");
    } finally {
      logged.mockRestore();
      await t.db.execute(sql.raw("drop trigger fail_marked_reminder_insert on outbox"));
      await t.db.execute(sql.raw("drop function fail_marked_reminder_insert()"));
    }
    expect(await countRows(t.db)).toEqual(before);
  });

  it("inside a caller's transaction that later fails, both rows roll back with it", async () => {
    const before = await countRows(t.db);
    const outcome = t.db.transaction(async (tx) => {
      await insertBookingWithEvent(tx, bookingValues({ startsAt: new Date("2027-07-03T09:00:00Z"), endsAt: new Date("2027-07-03T09:30:00Z"), blockedUntil: new Date("2027-07-03T09:35:00Z") }), context());
      expect(await countRows(tx)).toEqual({ bookings: before.bookings + 1, outbox: before.outbox + 1 });
      throw new Error("caller gave up");
    });
    await expect(outcome).rejects.toThrow("caller gave up");
    expect(await countRows(t.db)).toEqual(before);
  });

  it("after many bookings, every booking has exactly one booking.created event and vice versa", async () => {
    const starts = ["09:00", "09:45", "10:30", "11:15", "13:00", "13:45", "14:30", "15:15", "16:00"];
    for (const [i, hhmm] of starts.entries()) {
      const result = await createBooking(
        t.db,
        bookingRequest(f, { stylistId: i % 3 === 0 ? undefined : f.stylists[i % 2].id, start: londonStart(hhmm, "2027-07-05") }),
        { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW },
      );
      expect(result.status).toBe("created");
    }
    const { rows } = await queryRows(sql`
      select
        (select count(*)::int from bookings b
          where (select count(*) from outbox o where o.aggregate_id = b.id and o.event_type = 'booking.created') <> 1) as bookings_without_one_event,
        (select count(*)::int from outbox o
          where o.event_type = 'booking.created' and not exists (select 1 from bookings b where b.id = o.aggregate_id)) as events_without_booking,
        (select count(*)::int from outbox o join bookings b on b.id = o.aggregate_id
          where (o.payload->>'bookingId')::uuid <> b.id or (o.payload->>'start')::timestamptz <> b.starts_at
             or (o.payload->>'sequence')::int <> b.version or o.salon_id <> b.salon_id) as events_disagreeing,
        (select count(*)::int from bookings) as bookings
    `);
    expect(rows[0]).toEqual({ bookings_without_one_event: 0, events_without_booking: 0, events_disagreeing: 0, bookings: expect.any(Number) });
    expect(rows[0].bookings).toBeGreaterThanOrEqual(starts.length);
  });
});

describe("the booking statement needs no transaction of its own", () => {
  const day = (date: string) => ({ startsAt: new Date(`${date}T09:00:00Z`), endsAt: new Date(`${date}T09:30:00Z`), blockedUntil: new Date(`${date}T09:35:00Z`) });
  const tokenCount = async () => (await t.db.select({ n: count() }).from(bookingManageTokens))[0].n;

  it("without a caller's transaction it sends no BEGIN, and an event over the cap still leaves no booking, token or event", async () => {
    const transaction = vi.spyOn(t.db, "transaction");
    try {
      const before = await countRows(t.db);
      const tokensBefore = await tokenCount();
      // The booking and its token are inserted by the statement's earlier parts; its last part,
      // the event, is refused (payload cap): the one statement is atomic on its own.
      const error = await insertBookingWithEvent(t.db, bookingValues({ customerName: "x".repeat(20_000), ...day("2027-07-06") }), context(), {
        manageTokenHash: "h".repeat(64),
        actor: "customer",
      }).catch((e: unknown) => e);
      expect(pgErrorCode(error)).toBe("23514");
      expect(await countRows(t.db)).toEqual(before);
      expect(await tokenCount()).toBe(tokensBefore);

      const booking = await insertBookingWithEvent(t.db, bookingValues(day("2027-07-06")), context(), { manageTokenHash: "h".repeat(64), actor: "customer" });
      expect(await countRows(t.db)).toEqual({ bookings: before.bookings + 1, outbox: before.outbox + 1 });
      expect(await tokenCount()).toBe(tokensBefore + 1);
      expect(booking.createdAt.getTime()).toBeGreaterThan(0);
      expect(transaction).not.toHaveBeenCalled();
    } finally {
      transaction.mockRestore();
    }
  });

  it("inside a caller's transaction a refused booking rolls back to its savepoint, and the caller's transaction goes on", async () => {
    const before = await countRows(t.db);
    const kept = bookingValues(day("2027-07-07"));
    await t.db.transaction(async (tx) => {
      const error = await insertBookingWithEvent(tx, bookingValues({ customerName: "x".repeat(20_000), ...day("2027-07-08") }), context()).catch((e: unknown) => e);
      expect(pgErrorCode(error)).toBe("23514");
      // Without the savepoint Postgres would refuse every further statement of this transaction.
      await insertBookingWithEvent(tx, kept, context());
    });
    expect(await countRows(t.db)).toEqual({ bookings: before.bookings + 1, outbox: before.outbox + 1 });
    expect(await t.db.select({ id: bookings.id }).from(bookings).where(eq(bookings.idempotencyKey, kept.idempotencyKey))).toHaveLength(1);
  });

  // Several connections are needed to watch one writer wait for another: Postgres only.
  it.runIf(Boolean(getConfig().database.url))("still waits for the stylist's calendar lock before it writes, and leaves it free after", async () => {
    if (t.driver !== "postgres") throw new Error("expected Postgres");
    const lockKey = `stylist-calendar:${f.stylists[0].id}`;
    const holder = await t.sql.reserve();
    try {
      await holder`begin`;
      await holder`select pg_advisory_xact_lock(hashtextextended(${lockKey}, 0))`;
      const values = bookingValues(day("2027-07-09"));
      let settled = false;
      const insert = insertBookingWithEvent(t.db, values, context()).finally(() => (settled = true));
      // The insert waits on the advisory lock, not on a row: nothing of it is written yet.
      await expect.poll(async () => (await holder`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`)[0].n).toBe(1);
      expect(settled).toBe(false);
      expect(await holder`select 1 from bookings where idempotency_key = ${values.idempotencyKey}`).toHaveLength(0);
      await holder`commit`;
      await insert;
      // A transaction-scoped lock: the statement's implicit transaction released it (a session
      // lock would still be held by the pool's connection).
      const [free] = await holder`select pg_try_advisory_xact_lock(hashtextextended(${lockKey}, 0)) as got`;
      expect(free.got).toBe(true);
    } finally {
      holder.release();
    }
  });
});

async function queryRows(query: ReturnType<typeof sql>): Promise<{ rows: Record<string, number>[] }> {
  const result = await t.db.execute(query);
  return Array.isArray(result) ? { rows: result as Record<string, number>[] } : (result as { rows: Record<string, number>[] });
}
