import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, outbox, owners, salons } from "@/db/schema";
import type { BookingEventPayload } from "@/lib/booking/events";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import type { OwnerActor } from "@/lib/booking/actor";
import { cancelOwnerBooking, markBookingOutcome } from "./booking-actions";
import { ownedSalonIds } from "./owner-scope";
import { bookAt, snapshotBookingData } from "./test-support";

let db: TestDatabase;
let ava: SalonFixture;
let avaSecond: SalonFixture;
let marcus: SalonFixture;
let ownerWithoutSalons: string;
const BEFORE = new Date("2027-06-10T09:00:00Z");
const AFTER = new Date("2027-06-15T18:00:00Z");

beforeAll(async () => {
  db = await createTestDatabase();
  ava = await createSalonFixture(db.db, { timeZone: "Europe/London" });
  // Ava's second salon: same owner, another zone.
  avaSecond = await createSalonFixture(db.db, { timeZone: "America/New_York" });
  await db.db.update(salons).set({ ownerId: ava.owner.id }).where(eq(salons.id, avaSecond.salon.id));
  avaSecond = { ...avaSecond, owner: ava.owner };
  marcus = await createSalonFixture(db.db, { timeZone: "Europe/London" });
  const [lonely] = await db.db.insert(owners).values({ email: "lonely@example.test", name: "Lonely", passwordHash: "x" }).returning();
  ownerWithoutSalons = lonely.id;
});

afterAll(async () => {
  await db?.dispose();
});

/** The owner door's actor for a caller: their salons; nobody (or a malformed id) has none. */
const actorOf = async (ownerId: string | null | undefined): Promise<OwnerActor> => ({
  by: "owner",
  ownerId: ownerId ?? "",
  salonIds: await ownedSalonIds(db.db, ownerId),
});
const statusOf = async (id: string) => (await db.db.select({ s: bookings.status }).from(bookings).where(eq(bookings.id, id)))[0].s;
const eventsOf = (id: string) => db.db.select().from(outbox).where(eq(outbox.aggregateId, id)).orderBy(outbox.id);

describe("cancelOwnerBooking", () => {
  it("cancels the owner's booking and tells the customer through a booking.cancelled event by the owner", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T10:00:00+01:00");
    const result = await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: booking.id }, { now: BEFORE });
    expect(result.status).toBe("cancelled");
    expect(await statusOf(booking.id)).toBe("cancelled");
    const events = await eventsOf(booking.id);
    expect(events.map((e) => e.eventType)).toEqual(["booking.created", "booking.cancelled"]);
    const payload = events[1].payload as BookingEventPayload;
    expect(payload).toMatchObject({ status: "cancelled", cancelledBy: "owner", reference: booking.reference });
    expect(payload.customer.email).toBe("jo@example.test");

    // Twice is not two events.
    expect(await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: booking.id })).toEqual({ status: "already_cancelled" });
    expect(await eventsOf(booking.id)).toHaveLength(2);
  });

  it("works at every salon the owner has, whatever its zone", async () => {
    const booking = await bookAt(db.db, avaSecond, "2027-06-15T10:00:00-04:00");
    expect((await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: booking.id }, { now: BEFORE })).status).toBe("cancelled");
  });

  it("lets an owner cancel inside the customer's cutoff, even after the start", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T11:00:00+01:00");
    expect((await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: booking.id }, { now: AFTER })).status).toBe("cancelled");
  });

  it("refuses another owner, an owner with no salons and nobody, as if the booking did not exist — and changes nothing", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T13:00:00+01:00");
    const before = await snapshotBookingData(db.db);
    for (const caller of [marcus.owner.id, ownerWithoutSalons, null, undefined, "not-a-uuid"]) {
      expect(await cancelOwnerBooking(db.db, await actorOf(caller), { bookingId: booking.id }, { now: BEFORE })).toEqual({ status: "not_found" });
    }
    expect(await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: "00000000-0000-4000-8000-000000000000" })).toEqual({ status: "not_found" });
    expect(await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: "'; drop table bookings; --" })).toEqual({ status: "not_found" });
    expect(await snapshotBookingData(db.db)).toEqual(before);
    expect(await statusOf(booking.id)).toBe("confirmed");
  });
});

describe("markBookingOutcome", () => {
  it("marks a confirmed booking whose start has passed as completed or a no-show, writing no event", async () => {
    const done = await bookAt(db.db, ava, "2027-06-15T14:00:00+01:00");
    const absent = await bookAt(db.db, ava, "2027-06-15T15:00:00+01:00");
    const eventsBefore = (await db.db.select().from(outbox)).length;

    expect(await markBookingOutcome(db.db, await actorOf(ava.owner.id), { bookingId: done.id, outcome: "completed" }, { now: AFTER })).toEqual({
      status: "marked",
      bookingStatus: "completed",
    });
    expect(await markBookingOutcome(db.db, await actorOf(ava.owner.id), { bookingId: absent.id, outcome: "no_show" }, { now: AFTER })).toEqual({
      status: "marked",
      bookingStatus: "no_show",
    });
    expect(await statusOf(done.id)).toBe("completed");
    expect(await statusOf(absent.id)).toBe("no_show");
    expect((await db.db.select().from(outbox)).length).toBe(eventsBefore);

    // Once marked, it stays what it is; and a completed booking can no longer be cancelled.
    expect(await markBookingOutcome(db.db, await actorOf(ava.owner.id), { bookingId: done.id, outcome: "no_show" }, { now: AFTER })).toEqual({
      status: "not_confirmed",
      current: "completed",
    });
    expect(await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: done.id })).toEqual({ status: "not_active" });
    expect(await statusOf(done.id)).toBe("completed");
  });

  it("refuses a booking that has not started yet, and a cancelled one", async () => {
    const future = await bookAt(db.db, ava, "2027-06-16T10:00:00+01:00");
    expect(await markBookingOutcome(db.db, await actorOf(ava.owner.id), { bookingId: future.id, outcome: "completed" }, { now: AFTER })).toEqual({
      status: "not_started",
    });
    expect(await statusOf(future.id)).toBe("confirmed");
    await cancelOwnerBooking(db.db, await actorOf(ava.owner.id), { bookingId: future.id });
    expect(
      await markBookingOutcome(db.db, await actorOf(ava.owner.id), { bookingId: future.id, outcome: "no_show" }, { now: new Date("2027-06-17T00:00:00Z") }),
    ).toEqual({ status: "not_confirmed", current: "cancelled" });
  });

  it("refuses another owner and nobody without saying why — and changes nothing", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T16:00:00+01:00");
    const before = await snapshotBookingData(db.db);
    for (const caller of [marcus.owner.id, ownerWithoutSalons, null, undefined]) {
      for (const outcome of ["completed", "no_show"] as const) {
        expect(await markBookingOutcome(db.db, await actorOf(caller), { bookingId: booking.id, outcome }, { now: AFTER })).toEqual({ status: "not_found" });
      }
    }
    // Marcus's own booking stays out of Ava's reach the other way round too.
    const his = await bookAt(db.db, marcus, "2027-06-15T10:00:00+01:00");
    const withHis = await snapshotBookingData(db.db);
    expect(await markBookingOutcome(db.db, await actorOf(ava.owner.id), { bookingId: his.id, outcome: "completed" }, { now: AFTER })).toEqual({ status: "not_found" });
    expect(await snapshotBookingData(db.db)).toEqual(withHis);
    expect(before.bookings.length + 1).toBe(withHis.bookings.length);
    const [row] = await db.db.select().from(bookings).where(and(eq(bookings.id, booking.id), eq(bookings.status, "confirmed")));
    expect(row).toBeDefined();
  });
});
