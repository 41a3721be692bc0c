import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, outbox } from "@/db/schema";
import type { OwnerActor } from "@/lib/booking/actor";
import type { BookingEventPayload } from "@/lib/booking/events";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { NEW_CUSTOMER } from "@/lib/booking/actor";
import { newKey } from "@/lib/booking/test-support";
import { createTestBookingChannels } from "@/lib/notifications/channels/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { moveChoiceValue, moveBookingSchema, walkInSchema } from "./owner-booking-schemas";
import { createOwnerBooking, listOwnerMoveChoices, moveOwnerBooking, salonInstant } from "./owner-bookings";
import { bookAt, snapshotBookingData } from "./test-support";

// The owner's walk-ins and moves go through the booking core as the owner: the customer's guards
// hold (overlap, idempotency), the owner's own rules apply (no minimum notice, no online horizon,
// no cutoff), the events say who acted, and nobody else's salon is reachable.

let db: TestDatabase;
let ava: SalonFixture;
let marcus: SalonFixture;
// Tuesday 15 June 2027, 09:30 in London (BST).
const NOW = new Date("2027-06-15T08:30:00Z");
const DAY = "2027-06-15";
const actorOf = (f: SalonFixture): OwnerActor => ({ by: "owner", ownerId: f.owner.id, salonIds: [f.salon.id] });
const channels = createTestBookingChannels({ smtpUrl: "smtp://127.0.0.1:9" });
const channel = (name: string) => channels.find((c) => c.name === name)!;
const eventsOf = (id: string) => db.db.select().from(outbox).where(eq(outbox.aggregateId, id)).orderBy(outbox.id);
const asOutboxEvent = (row: typeof outbox.$inferSelect) => ({ ...row, id: Number(row.id), dueAt: row.createdAt });

function walkIn(f: SalonFixture, overrides: Record<string, string> = {}) {
  const parsed = walkInSchema.parse({
    salonId: f.salon.id,
    serviceId: f.services[0].id,
    stylistId: f.stylists[0].id,
    date: DAY,
    time: "10:00",
    name: "Walk-in Wendy",
    email: "",
    phone: "",
    note: "",
    idempotencyKey: newKey("walk-in"),
    ...overrides,
  });
  return parsed;
}

beforeAll(async () => {
  db = await createTestDatabase();
  // Customers need two hours' notice, may book 30 days ahead and change up to a day before.
  const rules = { timeZone: "Europe/London", minNoticeMinutes: 120, bookingHorizonDays: 30, cancellationCutoffMinutes: 1440 };
  ava = await createSalonFixture(db.db, rules);
  marcus = await createSalonFixture(db.db, rules);
});

afterAll(async () => {
  await Promise.all(channels.map((c) => c.close?.()));
  await db?.dispose();
});

describe("createOwnerBooking (walk-in or phone)", () => {
  it("books a walk-in without an email inside the customers' notice: one event by the owner, mailed to nobody, on the dashboard", async () => {
    const customerTry = await createBooking(
      db.db,
      { salon: ava.salon.slug, serviceId: ava.services[0].id, stylistId: ava.stylists[0].id, start: "2027-06-15T10:00:00+01:00", customer: { name: "C", email: "c@example.test" } },
      { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: NOW },
    );
    expect(customerTry.status).toBe("invalid");

    const result = await createOwnerBooking(db.db, actorOf(ava), walkIn(ava), { now: NOW });
    if (result.status !== "created") throw new Error(`expected created, got ${JSON.stringify(result)}`);
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, result.booking.id));
    expect(row).toMatchObject({ customerName: "Walk-in Wendy", customerEmail: null, startsAt: new Date("2027-06-15T09:00:00Z"), status: "confirmed" });

    const [event] = await eventsOf(row.id);
    const payload = event.payload as BookingEventPayload;
    expect(event.eventType).toBe("booking.created");
    expect(payload.actor).toBe("owner");
    expect(payload.customer).toEqual({ name: "Walk-in Wendy" });
    expect(channel("dashboard").appliesTo?.(asOutboxEvent(event)) ?? true).toBe(true);
    expect(channel("owner-email").appliesTo?.(asOutboxEvent(event))).toBe(false);
    expect(channel("customer-email").appliesTo?.(asOutboxEvent(event))).toBe(false);
  });

  it("with an email, the customer is mailed (and the owner is not); past the online horizon is the owner's to allow", async () => {
    const result = await createOwnerBooking(db.db, actorOf(ava), walkIn(ava, { date: "2027-09-14", email: "phone@example.test" }), { now: NOW });
    if (result.status !== "created") throw new Error(`expected created, got ${JSON.stringify(result)}`);
    const [event] = await eventsOf(result.booking.id);
    expect((event.payload as BookingEventPayload).customer.email).toBe("phone@example.test");
    expect(channel("customer-email").appliesTo?.(asOutboxEvent(event))).toBe(true);
    expect(channel("owner-email").appliesTo?.(asOutboxEvent(event))).toBe(false);
  });

  it("keeps the overlap guard and the idempotency of the customer path", async () => {
    const first = walkIn(ava, { time: "11:00" });
    const made = await createOwnerBooking(db.db, actorOf(ava), first, { now: NOW });
    expect(made.status).toBe("created");
    const before = await snapshotBookingData(db.db);
    const replay = await createOwnerBooking(db.db, actorOf(ava), first, { now: NOW });
    expect(replay).toMatchObject({ status: "replayed", booking: { id: made.status === "created" ? made.booking.id : "" } });
    const clash = await createOwnerBooking(db.db, actorOf(ava), walkIn(ava, { time: "11:00", name: "Someone Else" }), { now: NOW });
    expect(clash.status).toBe("slot_taken");
    expect(await snapshotBookingData(db.db)).toEqual(before);
  });

  it("refuses another owner's salon and bad input, writing nothing", async () => {
    const before = await snapshotBookingData(db.db);
    expect(await createOwnerBooking(db.db, actorOf(marcus), walkIn(ava, { time: "15:00" }), { now: NOW })).toEqual({ status: "not_found" });
    // Marcus's salon id with Ava's service: unknown in his salon.
    const mixed = await createOwnerBooking(db.db, actorOf(marcus), walkIn(ava, { salonId: marcus.salon.id, time: "15:00" }), { now: NOW });
    expect(mixed.status).toBe("invalid");
    expect(await createOwnerBooking(db.db, { ...actorOf(ava), salonIds: [] }, walkIn(ava, { time: "15:00" }), { now: NOW })).toEqual({ status: "not_found" });
    const outside = await createOwnerBooking(db.db, actorOf(ava), walkIn(ava, { time: "12:30" }), { now: NOW });
    expect(outside).toMatchObject({ status: "invalid", fieldErrors: { time: [expect.any(String)] } });
    expect(walkInSchema.safeParse({ ...walkIn(ava), email: "not an email" }).success).toBe(false);
    expect(walkInSchema.safeParse({ ...walkIn(ava), name: "Line\r\nBcc: x@example.test" }).success).toBe(false);
    expect(await snapshotBookingData(db.db)).toEqual(before);
  });

  it("reads wall-clock times in the salon's zone and refuses one the clocks skip", () => {
    expect(salonInstant("2027-06-15", "10:00", "Europe/London")?.toISOString()).toBe("2027-06-15T09:00:00.000Z");
    expect(salonInstant("2027-03-28", "01:30", "Europe/London")).toBeUndefined();
  });
});

describe("moveOwnerBooking", () => {
  it("moves a customer's booking inside the customers' cutoff, to another stylist: one rescheduled event by the owner, mailed to the customer only", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T14:00:00+01:00", { now: new Date("2027-06-01T00:00:00Z") });
    const choices = await listOwnerMoveChoices(db.db, actorOf(ava), booking.id, DAY, { now: NOW });
    const target = choices.find((c) => c.local.startsWith("2027-06-15T15:00") && c.stylist.id === ava.stylists[1].id)!;
    expect(target).toBeDefined();
    expect(choices.some((c) => c.start.getTime() === new Date("2027-06-15T13:00:00Z").getTime() && c.stylist.id === ava.stylists[0].id)).toBe(false);

    const input = moveBookingSchema.parse({ bookingId: booking.id, choice: moveChoiceValue(target.start, target.stylist.id) });
    const moved = await moveOwnerBooking(db.db, actorOf(ava), input, { now: NOW });
    expect(moved).toMatchObject({ status: "rescheduled", booking: { start: "2027-06-15T14:00:00.000Z" } });
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row).toMatchObject({ stylistId: ava.stylists[1].id, version: 2 });

    const events = await eventsOf(booking.id);
    expect(events.map((e) => [e.eventType, (e.payload as BookingEventPayload).actor])).toEqual([
      ["booking.created", "customer"],
      ["booking.rescheduled", "owner"],
    ]);
    const rescheduled = events[1];
    expect((rescheduled.payload as BookingEventPayload).sequence).toBe(2);
    expect(channel("customer-email").appliesTo?.(asOutboxEvent(rescheduled))).toBe(true);
    expect(channel("owner-email").appliesTo?.(asOutboxEvent(rescheduled))).toBe(false);
    expect(channel("owner-email").appliesTo?.(asOutboxEvent(events[0]))).toBe(true);
  });

  it("refuses another owner (no choices, not_found) and a cancelled booking, changing nothing", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-16T10:00:00+01:00", { now: new Date("2027-06-01T00:00:00Z") });
    const start = new Date("2027-06-16T10:00:00Z");
    const input = moveBookingSchema.parse({ bookingId: booking.id, choice: moveChoiceValue(start, ava.stylists[0].id) });
    const before = await snapshotBookingData(db.db);
    expect(await listOwnerMoveChoices(db.db, actorOf(marcus), booking.id, "2027-06-16", { now: NOW })).toEqual([]);
    expect(await moveOwnerBooking(db.db, actorOf(marcus), input, { now: NOW })).toEqual({ status: "not_found" });
    expect(await moveOwnerBooking(db.db, { ...actorOf(ava), salonIds: [] }, input, { now: NOW })).toEqual({ status: "not_found" });
    expect(await snapshotBookingData(db.db)).toEqual(before);

    await cancelBooking(db.db, { actor: actorOf(ava), bookingId: booking.id, now: NOW });
    expect(await moveOwnerBooking(db.db, actorOf(ava), input, { now: NOW })).toEqual({ status: "cancelled" });
    expect(moveBookingSchema.safeParse({ bookingId: booking.id, choice: "tomorrow|x" }).success).toBe(false);
  });
});
