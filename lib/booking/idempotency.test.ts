import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createBooking } from "./create-booking";
import { findBookingIdByManageToken } from "./manage-token";
import { recallBookingByKey } from "./recall-booking";
import { bookingRequest, countRows, londonStart, newKey, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Invariant 3: a request retried with the same idempotency key returns the same booking and adds
// no event; the same key with a different request is refused.
let t: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
  // No reminders at this salon: the events counted here are the booking's announcements only
  // (reminders have their own tests: lib/notifications/channels/reminders.test.ts).
  f = await createSalonFixture(t.db, { bufferMinutes: 10, reminderOffsetsMinutes: [] });
});
afterAll(async () => {
  await t?.dispose();
});

describe("idempotency keys", () => {
  it("a replay returns the same booking, marked replayed, and writes nothing", async () => {
    const key = newKey("replay");
    const request = bookingRequest(f, { start: londonStart("09:00", "2027-09-06") });
    const first = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW });
    expect(first.status).toBe("created");
    const counts = await countRows(t.db);

    const again = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW });
    if (first.status !== "created" || again.status !== "replayed") throw new Error(`expected created then replayed, got ${again.status}`);
    const { manageToken: firstToken, ...firstBooking } = first.booking;
    const { manageToken: againToken, ...againBooking } = again.booking;
    expect(againBooking).toEqual(firstBooking);
    expect(await countRows(t.db)).toEqual(counts);
    // The replay carries a manage token of its own (only hashes are stored); both open the booking.
    expect(againToken).not.toBe(firstToken);
    expect(await findBookingIdByManageToken(t.db, firstToken)).toBe(first.booking.id);
    expect(await findBookingIdByManageToken(t.db, againToken)).toBe(first.booking.id);
  });

  it("the same request written differently (another offset, padded fields) is still a replay", async () => {
    const key = newKey("canonical");
    const first = await createBooking(t.db, bookingRequest(f, { start: londonStart("10:00", "2027-09-06") }), { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW });
    const again = await createBooking(
      t.db,
      bookingRequest(f, { start: "2027-09-06T09:00:00Z", customer: { name: "  Jo Bloggs ", email: "jo@example.com ", phone: "" } }),
      { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW },
    );
    expect(again.status).toBe("replayed");
    expect(again.status === "replayed" && first.status === "created" && again.booking.id === first.booking.id).toBe(true);
  });

  it("a replay still answers after the slot has passed (the key is checked before the slot)", async () => {
    const key = newKey("late-replay");
    const request = bookingRequest(f, { start: londonStart("11:00", "2027-09-06") });
    const first = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW });
    const later = new Date("2027-09-07T00:00:00Z");
    const again = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: key, now: later });
    expect(again.status).toBe("replayed");
    expect(first.status === "created" && again.status === "replayed" && again.booking.id === first.booking.id).toBe(true);
  });

  it("the same key with a different request is an idempotency conflict, and nothing is written", async () => {
    const key = newKey("conflict");
    await createBooking(t.db, bookingRequest(f, { start: londonStart("13:00", "2027-09-06") }), { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW });
    const counts = await countRows(t.db);
    const variants = [
      bookingRequest(f, { start: londonStart("13:15", "2027-09-06") }),
      bookingRequest(f, { start: londonStart("13:00", "2027-09-06"), stylistId: f.stylists[1].id }),
      bookingRequest(f, { start: londonStart("13:00", "2027-09-06"), customer: { name: "Someone Else", email: "jo@example.com" } }),
    ];
    for (const variant of variants) {
      expect(await createBooking(t.db, variant, { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW })).toEqual({ status: "idempotency_conflict" });
    }
    expect(await countRows(t.db)).toEqual(counts);
  });

  it("ten concurrent requests with one key make one booking and one event; the rest replay it", async () => {
    // Several bursts: the interleavings differ from run to run, and each must come out the same.
    for (const hhmm of ["09:00", "10:00", "11:00", "14:00", "15:00"]) {
      const key = newKey("burst");
      const request = bookingRequest(f, { start: londonStart(hhmm, "2027-09-07") });
      const before = await countRows(t.db);
      const results = await Promise.all(Array.from({ length: 10 }, () => createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW })));
      const ids = new Set(results.map((r) => (r.status === "created" || r.status === "replayed" ? r.booking.id : r.status)));
      expect(results.map((r) => r.status).sort()).toEqual(["created", ...Array(9).fill("replayed")]);
      expect(ids.size).toBe(1);
      expect(await countRows(t.db)).toEqual({ bookings: before.bookings + 1, outbox: before.outbox + 1 });
    }
  });

  it("concurrent 'any stylist' requests with one key do not book two stylists", async () => {
    const key = newKey("burst-any");
    const request = bookingRequest(f, { stylistId: undefined, start: londonStart("16:00", "2027-09-07") });
    const results = await Promise.all(Array.from({ length: 6 }, () => createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW })));
    expect(results.map((r) => r.status).sort()).toEqual(["created", "replayed", "replayed", "replayed", "replayed", "replayed"]);
    expect(await t.db.select().from(bookings).where(eq(bookings.idempotencyKey, key))).toHaveLength(1);
  });
});

describe("a tab recalling the booking its key made (Back, or a Confirm whose answer was lost)", () => {
  it("finds the booking with a fresh manage link, and nothing for a key that booked nothing", async () => {
    const key = newKey("recall");
    const made = await createBooking(t.db, bookingRequest(f, { start: londonStart("14:00", "2027-09-06") }), { actor: NEW_CUSTOMER, idempotencyKey: key, now: TEST_NOW });
    if (made.status !== "created") throw new Error(`expected created, got ${made.status}`);
    const counts = await countRows(t.db);

    const recalled = await recallBookingByKey(t.db, key);
    expect(recalled?.reference).toBe(made.booking.reference);
    expect(await findBookingIdByManageToken(t.db, recalled!.manageToken)).toBe(made.booking.id);
    expect(await recallBookingByKey(t.db, newKey("never-used"))).toBeNull();
    expect(await countRows(t.db)).toEqual(counts);
  });
});
