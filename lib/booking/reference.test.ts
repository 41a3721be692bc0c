import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createBooking } from "./create-booking";
import { newBookingReference } from "./reference";
import { bookingRequest, countRows, londonStart, newKey, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// References are short and random; a clash with an existing one is retried, not shown as an error.
vi.mock("./reference", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./reference")>();
  return { ...actual, newBookingReference: vi.fn(actual.newBookingReference) };
});

let t: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  // No reminders at this salon: the events counted here are the booking's announcements only
  // (reminders have their own tests: lib/notifications/channels/reminders.test.ts).
  f = await createSalonFixture(t.db, { reminderOffsetsMinutes: [] });
});
afterAll(async () => {
  await t?.dispose();
});

describe("booking references", () => {
  it("are 8 characters of Crockford base32", async () => {
    const { newBookingReference: real } = await vi.importActual<typeof import("./reference")>("./reference");
    const refs = Array.from({ length: 200 }, () => real());
    expect(refs.every((r) => /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{8}$/.test(r))).toBe(true);
    expect(new Set(refs).size).toBe(200);
  });

  it("a clash with an existing reference is retried with a fresh one", async () => {
    const mocked = vi.mocked(newBookingReference);
    mocked.mockReturnValueOnce("CLASH001");
    const first = await createBooking(t.db, bookingRequest(f, { start: londonStart("09:00") }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    expect(first.status === "created" && first.booking.reference).toBe("CLASH001");

    mocked.mockReturnValueOnce("CLASH001").mockReturnValueOnce("FRESH002");
    const second = await createBooking(t.db, bookingRequest(f, { start: londonStart("10:00") }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    expect(second.status === "created" && second.booking.reference).toBe("FRESH002");
    expect(await countRows(t.db)).toEqual({ bookings: 2, outbox: 2 });
  });
});
