// The customer's manage link and the changes it allows, through the lib functions on a real
// database: tokens open exactly one booking; a cancelled booking stays cancelled; a reschedule race
// has one winner; inside the cutoff nothing is written.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookingManageTokens, bookings, outbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { cancelBooking, cancelBookingByToken } from "./cancel-booking";
import { createBooking } from "./create-booking";
import { getManagedBooking } from "./manage-booking";
import { findBookingIdByManageToken, hashManageToken } from "./manage-token";
import { rescheduleBooking, rescheduleBookingByToken } from "./reschedule-booking";
import { bookingRequest, londonStart, newKey, ownerActor, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

let t: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
  // Two hours' cutoff; 10 minutes' buffer so neighbouring slots really interact.
  // No reminders at this salon: the events counted here are the booking's announcements only
  // (reminders have their own tests: lib/notifications/channels/reminders.test.ts).
  f = await createSalonFixture(t.db, { cancellationCutoffMinutes: 120, bufferMinutes: 10, reminderOffsetsMinutes: [] });
});
afterAll(async () => {
  await t?.dispose();
});

async function book(hhmm: string, date = "2027-06-15", stylist = 0) {
  const result = await createBooking(t.db, bookingRequest(f, { start: londonStart(hhmm, date), stylistId: f.stylists[stylist].id }), { actor: NEW_CUSTOMER,
    idempotencyKey: newKey("manage"),
    now: TEST_NOW,
  });
  if (result.status !== "created") throw new Error(`expected created, got ${result.status}`);
  return result.booking;
}

/** Everything a refused change must leave untouched: the row and the booking's events. */
async function snapshot(bookingId: string) {
  const [row] = await t.db.select().from(bookings).where(eq(bookings.id, bookingId));
  const events = await t.db.select({ id: outbox.id, type: outbox.eventType }).from(outbox).where(eq(outbox.aggregateId, bookingId)).orderBy(asc(outbox.id));
  return { row, events };
}

describe("manage tokens", () => {
  it("are stored only as a hash, and open their own booking and no other", async () => {
    const a = await book("09:00");
    const b = await book("09:00", "2027-06-15", 1);
    expect(a.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await t.db.select().from(bookingManageTokens).where(eq(bookingManageTokens.bookingId, a.id));
    expect(stored.map((s) => s.tokenHash)).toEqual([hashManageToken(a.manageToken)]);
    expect(JSON.stringify(await t.db.select().from(outbox).where(eq(outbox.aggregateId, a.id)))).not.toContain(a.manageToken);

    const viewA = await getManagedBooking(t.db, a.manageToken, TEST_NOW);
    expect(viewA).toMatchObject({ id: a.id, reference: a.reference, status: "confirmed", changeable: true, cutoffMinutes: 120 });
    expect(viewA?.changeDeadline.toISOString()).toBe("2027-06-15T06:00:00.000Z");
    expect((await getManagedBooking(t.db, b.manageToken, TEST_NOW))?.id).toBe(b.id);

    // A's token moves and cancels A only; B is untouched.
    const before = await snapshot(b.id);
    expect(await rescheduleBookingByToken(t.db, a.manageToken, { start: londonStart("09:30") }, { now: TEST_NOW })).toMatchObject({
      status: "rescheduled",
      booking: { id: a.id, start: "2027-06-15T08:30:00.000Z" },
    });
    expect(await cancelBookingByToken(t.db, a.manageToken, { now: TEST_NOW })).toMatchObject({ status: "cancelled", booking: { id: a.id } });
    expect(await snapshot(b.id)).toEqual(before);
  });

  it("refuse guessed, truncated, padded or malformed tokens as not found, writing nothing", async () => {
    const a = await book("10:00", "2027-06-16");
    const before = await snapshot(a.id);
    const guesses: unknown[] = [
      a.manageToken.slice(0, -1),
      `${a.manageToken}A`,
      `${a.manageToken.slice(0, -1)}${a.manageToken.endsWith("A") ? "B" : "A"}`,
      ` ${a.manageToken}`,
      hashManageToken(a.manageToken),
      a.id,
      "",
      "x".repeat(10_000),
      undefined,
      42,
    ];
    for (const guess of guesses) {
      expect(await findBookingIdByManageToken(t.db, guess)).toBeNull();
      expect(await getManagedBooking(t.db, guess, TEST_NOW)).toBeNull();
      expect(await cancelBookingByToken(t.db, guess, { now: TEST_NOW })).toEqual({ status: "not_found" });
      expect(await rescheduleBookingByToken(t.db, guess, { start: londonStart("11:00", "2027-06-16") }, { now: TEST_NOW })).toEqual({
        status: "not_found",
      });
    }
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("show a cancelled booking as cancelled, and refuse to move or cancel it again, writing nothing", async () => {
    const a = await book("11:00", "2027-06-16");
    expect((await cancelBookingByToken(t.db, a.manageToken, { now: TEST_NOW })).status).toBe("cancelled");
    const after = await snapshot(a.id);
    expect(after.row).toMatchObject({ status: "cancelled", version: 2 });
    expect(after.events.map((e) => e.type)).toEqual(["booking.created", "booking.cancelled"]);

    expect(await getManagedBooking(t.db, a.manageToken, TEST_NOW)).toMatchObject({ status: "cancelled", changeable: false, lockedReason: "cancelled" });
    expect(await rescheduleBookingByToken(t.db, a.manageToken, { start: londonStart("13:00", "2027-06-16") }, { now: TEST_NOW })).toEqual({
      status: "cancelled",
    });
    expect(await cancelBookingByToken(t.db, a.manageToken, { now: TEST_NOW })).toEqual({ status: "already_cancelled" });
    expect(await cancelBooking(t.db, { actor: ownerActor(f), bookingId: a.id, now: TEST_NOW })).toEqual({
      status: "already_cancelled",
    });
    expect(await snapshot(a.id)).toEqual(after);

    // The slot came free the moment the cancellation committed.
    const again = await createBooking(t.db, bookingRequest(f, { start: londonStart("11:00", "2027-06-16") }), { actor: NEW_CUSTOMER,
      idempotencyKey: newKey("rebook"),
      now: TEST_NOW,
    });
    expect(again.status).toBe("created");
  });
});

describe("reschedule", () => {
  it("moves onto a slot that overlaps only its own current time, and refuses what is not offered", async () => {
    const a = await book("09:00", "2027-06-17");
    // 09:15 overlaps 09:00–09:40 (with buffer): free only because that interval is this booking's own.
    const moved = await rescheduleBooking(t.db, { actor: { by: "customer", token: a.manageToken }, start: new Date(londonStart("09:15", "2027-06-17")), now: TEST_NOW });
    expect(moved).toMatchObject({ status: "rescheduled", booking: { start: "2027-06-17T08:15:00.000Z", end: "2027-06-17T08:45:00.000Z" } });
    const [row] = await t.db.select().from(bookings).where(eq(bookings.id, a.id));
    expect(row).toMatchObject({ version: 2, blockedUntil: new Date("2027-06-17T08:55:00.000Z") });

    const before = await snapshot(a.id);
    const refuse = async (start: string, stylistId?: string) =>
      rescheduleBooking(t.db, { actor: { by: "customer", token: a.manageToken }, start: new Date(start), stylistId, now: TEST_NOW });
    expect(await refuse(londonStart("09:15", "2027-06-17"))).toEqual({
      status: "invalid",
      fieldErrors: { start: ["That is already your time. Please pick another one."] },
    });
    expect(await refuse(londonStart("12:15", "2027-06-17"))).toMatchObject({ status: "invalid", fieldErrors: { start: [expect.stringMatching(/break/)] } });
    expect(await refuse(londonStart("10:05", "2027-06-17"))).toMatchObject({ status: "invalid", fieldErrors: { start: [expect.stringMatching(/every 15 minutes/)] } });
    expect(await refuse("2027-05-01T09:00:00Z")).toMatchObject({ status: "invalid", fieldErrors: { start: [expect.stringMatching(/passed/)] } });
    const stranger = await createSalonFixture(t.db);
    expect(await refuse(londonStart("10:00", "2027-06-17"), stranger.stylists[0].id)).toMatchObject({
      status: "invalid",
      fieldErrors: { stylistId: [expect.any(String)] },
    });
    expect(await rescheduleBookingByToken(t.db, a.manageToken, { start: "tomorrow at ten" }, { now: TEST_NOW })).toMatchObject({
      status: "invalid",
      fieldErrors: { start: [expect.any(String)] },
    });
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("onto a slot someone else holds answers slot_taken with alternatives and writes nothing", async () => {
    const a = await book("13:00", "2027-06-17");
    await book("15:00", "2027-06-17");
    const before = await snapshot(a.id);
    const result = await rescheduleBooking(t.db, { actor: { by: "customer", token: a.manageToken }, start: new Date(londonStart("15:00", "2027-06-17")), now: TEST_NOW });
    if (result.status !== "slot_taken") throw new Error(`expected slot_taken, got ${result.status}`);
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.every((s) => s.stylistIds.includes(f.stylists[0].id))).toBe(true);
    expect(await snapshot(a.id)).toEqual(before);
  });

  it("two customers racing onto one free slot: one moves, the other is told slot_taken; one event each way", async () => {
    const a = await book("09:00", "2027-06-18");
    const b = await book("10:00", "2027-06-18");
    const target = new Date(londonStart("14:00", "2027-06-18"));
    const results = await Promise.all([
      rescheduleBooking(t.db, { actor: { by: "customer", token: a.manageToken }, start: target, now: TEST_NOW }),
      rescheduleBooking(t.db, { actor: { by: "customer", token: b.manageToken }, start: target, now: TEST_NOW }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["rescheduled", "slot_taken"]);
    const winner = results[0].status === "rescheduled" ? a : b;
    const loser = winner === a ? b : a;
    const [won, lost] = [await snapshot(winner.id), await snapshot(loser.id)];
    expect(won.row.startsAt.toISOString()).toBe(target.toISOString());
    expect(won.events.map((e) => e.type)).toEqual(["booking.created", "booking.rescheduled"]);
    expect(lost.row).toMatchObject({ version: 1, startsAt: new Date(loser.start) });
    expect(lost.events.map((e) => e.type)).toEqual(["booking.created"]);
  });
});

describe("the cancellation cutoff", () => {
  it("refuses the customer's reschedule and cancel inside it, with the reason, writing nothing; the owner may still cancel", async () => {
    const a = await book("14:00", "2027-06-18", 1);
    // 14:00 BST = 13:00Z; the cutoff of 120 minutes begins after 11:00Z.
    const atDeadline = new Date("2027-06-18T11:00:00Z");
    const inside = new Date("2027-06-18T11:00:01Z");
    expect((await getManagedBooking(t.db, a.manageToken, atDeadline))?.changeable).toBe(true);
    expect(await getManagedBooking(t.db, a.manageToken, inside)).toMatchObject({ changeable: false, lockedReason: "too_late" });

    const before = await snapshot(a.id);
    expect(await cancelBookingByToken(t.db, a.manageToken, { now: inside })).toEqual({ status: "too_late", cutoffMinutes: 120 });
    expect(
      await rescheduleBookingByToken(t.db, a.manageToken, { start: londonStart("16:00", "2027-06-18") }, { now: inside }),
    ).toEqual({ status: "too_late", cutoffMinutes: 120 });
    expect(await snapshot(a.id)).toEqual(before);

    // An owner of another salon cannot; the salon's owner can, inside the cutoff.
    expect(await cancelBooking(t.db, { actor: ownerActor(f, []), bookingId: a.id, now: inside })).toEqual({ status: "not_found" });
    const other = await createSalonFixture(t.db);
    expect(await cancelBooking(t.db, { actor: ownerActor(f, [other.salon.id]), bookingId: a.id, now: inside })).toEqual({ status: "not_found" });
    expect(await snapshot(a.id)).toEqual(before);
    const byOwner = await cancelBooking(t.db, { actor: ownerActor(f), bookingId: a.id, now: inside });
    expect(byOwner).toMatchObject({ status: "cancelled", booking: { id: a.id, status: "cancelled" } });
    const after = await snapshot(a.id);
    expect(after.events.map((e) => e.type)).toEqual(["booking.created", "booking.cancelled"]);
    const [event] = await t.db.select().from(outbox).where(eq(outbox.id, after.events[1].id));
    expect(event.payload).toMatchObject({ cancelledBy: "owner", sequence: 2, status: "cancelled" });
  });

  it("leaves completed and no-show bookings alone", async () => {
    const a = await book("16:00", "2027-06-18", 1);
    await t.db.update(bookings).set({ status: "completed" }).where(eq(bookings.id, a.id));
    const before = await snapshot(a.id);
    expect(await cancelBookingByToken(t.db, a.manageToken, { now: TEST_NOW })).toEqual({ status: "not_active" });
    expect(await cancelBooking(t.db, { actor: ownerActor(f), bookingId: a.id, now: TEST_NOW })).toEqual({ status: "not_active" });
    expect(await rescheduleBookingByToken(t.db, a.manageToken, { start: londonStart("16:30", "2027-06-18") }, { now: TEST_NOW })).toEqual({
      status: "not_active",
    });
    expect(await getManagedBooking(t.db, a.manageToken, TEST_NOW)).toMatchObject({ changeable: false, lockedReason: "not_active" });
    expect(await snapshot(a.id)).toEqual(before);
  });
});
