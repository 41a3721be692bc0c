import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, outbox } from "@/db/schema";
import { pgConstraintName, pgErrorCode } from "@/lib/db-errors";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createBooking, type CreateBookingResult } from "./create-booking";
import { insertBookingWithEvent } from "./insert-booking";
import { bookingRequest, londonStart, newKey, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Invariant 2: no two active bookings of one stylist overlap, buffers included, and a lost race
// is an answer ("slot taken"), never an error. The exclusion constraint is the only guard.
let t: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
  // No reminders at this salon: the events counted here are the booking's announcements only.
  f = await createSalonFixture(t.db, {
    bufferMinutes: 10,
    reminderOffsetsMinutes: [],
    services: [{ name: "Colour", durationMinutes: 60 }, { name: "Cut", durationMinutes: 30 }],
  });
});
afterAll(async () => {
  await t?.dispose();
});

const [colour, cut] = [0, 1];
const statuses = (results: CreateBookingResult[]) =>
  results.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});

async function rowsFor(date: string) {
  const rows = await t.db.select().from(bookings).where(eq(bookings.salonId, f.salon.id));
  const onDate = rows.filter((b) => b.startsAt.toISOString().startsWith(date));
  const events = await Promise.all(onDate.map((b) => t.db.select().from(outbox).where(and(eq(outbox.aggregateId, b.id)))));
  return { bookings: onDate, events: events.flat() };
}

describe("concurrent bookings", () => {
  it("50 customers racing for one stylist's slot: one booking, 49 slot_taken, one event", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        createBooking(
          t.db,
          bookingRequest(f, { serviceId: f.services[cut].id, start: londonStart("10:00", "2027-08-02"), customer: { name: `Customer ${i}`, email: `c${i}@example.com` } }),
          { actor: NEW_CUSTOMER, idempotencyKey: newKey("race"), now: TEST_NOW },
        ),
      ),
    );
    expect(statuses(results)).toEqual({ created: 1, slot_taken: 49 });
    const { bookings: rows, events } = await rowsFor("2027-08-02");
    expect(rows).toHaveLength(1);
    expect(events).toHaveLength(1);
    const winner = results.find((r) => r.status === "created");
    expect(winner?.status === "created" && winner.booking.id).toBe(rows[0].id);
    const loser = results.find((r) => r.status === "slot_taken");
    expect(loser?.status === "slot_taken" && loser.alternatives.length).toBe(5);
  });

  it("a 60-minute colour at 10:00 and a 30-minute cut at 10:30 cannot both land", async () => {
    const day = "2027-08-03";
    const results = await Promise.all([
      createBooking(t.db, bookingRequest(f, { serviceId: f.services[colour].id, start: londonStart("10:00", day) }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW }),
      createBooking(t.db, bookingRequest(f, { serviceId: f.services[cut].id, start: londonStart("10:30", day) }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW }),
    ]);
    expect(statuses(results)).toEqual({ created: 1, slot_taken: 1 });
    expect((await rowsFor(day)).bookings).toHaveLength(1);
  });

  it("the database itself refuses an overlapping insert that skipped every application check", async () => {
    const day = "2027-08-04";
    const base = {
      salonId: f.salon.id,
      serviceId: f.services[colour].id,
      stylistId: f.stylists[0].id,
      customerName: "Direct",
      customerEmail: "direct@example.com",
      requestHash: "0".repeat(64),
    };
    const context = { salon: f.salon, service: f.services[colour], stylist: { id: f.stylists[0].id, name: "Stylist 1" } };
    const at = (hhmm: string) => new Date(`${day}T${hhmm}:00+01:00`);
    // 10:00–10:30 with a 10-minute buffer blocks until 10:40.
    await insertBookingWithEvent(t.db, { ...base, reference: "DIRECT01", idempotencyKey: newKey(), startsAt: at("10:00"), endsAt: at("10:30"), blockedUntil: at("10:40") }, context);
    const clash = await insertBookingWithEvent(
      t.db,
      { ...base, reference: "DIRECT02", idempotencyKey: newKey(), startsAt: at("10:35"), endsAt: at("11:05"), blockedUntil: at("11:15") },
      context,
    ).catch((e) => e);
    expect(pgErrorCode(clash)).toBe("23P01");
    expect(pgConstraintName(clash)).toBe("bookings_no_overlap");
    // At 10:40 the buffer has passed.
    await insertBookingWithEvent(t.db, { ...base, reference: "DIRECT03", idempotencyKey: newKey(), startsAt: at("10:40"), endsAt: at("11:10"), blockedUntil: at("11:20") }, context);
    // A cancelled booking no longer blocks its time.
    await t.db.update(bookings).set({ status: "cancelled" }).where(eq(bookings.reference, "DIRECT01"));
    await insertBookingWithEvent(t.db, { ...base, reference: "DIRECT04", idempotencyKey: newKey(), startsAt: at("09:45"), endsAt: at("10:15"), blockedUntil: at("10:25") }, context);
    expect((await rowsFor(day)).bookings.map((b) => b.reference).sort()).toEqual(["DIRECT01", "DIRECT03", "DIRECT04"]);
  });

  it("keeps the buffer: after a cut ending 10:30 (10-minute buffer) 10:30 is taken and 10:45 is free", async () => {
    const day = "2027-08-05";
    const book = (hhmm: string) =>
      createBooking(t.db, bookingRequest(f, { serviceId: f.services[cut].id, start: londonStart(hhmm, day) }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    expect((await book("10:00")).status).toBe("created");
    expect((await book("10:30")).status).toBe("slot_taken");
    expect((await book("10:45")).status).toBe("created");
    // and before it: 09:30–10:00 would need the chair until 10:10
    expect((await book("09:30")).status).toBe("slot_taken");
  });

  it("'any stylist' with two stylists: three racing requests give two bookings with different stylists", async () => {
    const day = "2027-08-06";
    const results = await Promise.all(
      [1, 2, 3].map((i) =>
        createBooking(
          t.db,
          bookingRequest(f, { stylistId: undefined, serviceId: f.services[cut].id, start: londonStart("14:00", day), customer: { name: `Any ${i}`, email: `any${i}@example.com` } }),
          { actor: NEW_CUSTOMER, idempotencyKey: newKey("any"), now: TEST_NOW },
        ),
      ),
    );
    expect(statuses(results)).toEqual({ created: 2, slot_taken: 1 });
    const created = results.flatMap((r) => (r.status === "created" ? [r.booking.stylistId] : []));
    expect(new Set(created)).toEqual(new Set(f.stylists.map((s) => s.id)));
    const { bookings: rows, events } = await rowsFor(day);
    expect(rows).toHaveLength(2);
    expect(events).toHaveLength(2);
  });
});
