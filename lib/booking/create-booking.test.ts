import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, outbox } from "@/db/schema";
import { setNudgeHandler } from "@/lib/outbox/nudge";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createBooking } from "./create-booking";
import type { BookingEventPayload } from "./events";
import { getBookingConfirmation } from "./get-booking";
import { bookingRequest, londonStart, newKey, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// The happy path end to end: what the customer is told, what the outbox carries, what the
// confirmation page reads, and that the relay is woken after the commit.
let t: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  // No reminders at this salon: the events counted here are the booking's announcements only
  // (reminders have their own tests: lib/notifications/channels/reminders.test.ts).
  f = await createSalonFixture(t.db, { bufferMinutes: 10, minNoticeMinutes: 60, reminderOffsetsMinutes: [] });
});
afterAll(async () => {
  setNudgeHandler(null);
  await t?.dispose();
});

describe("createBooking", () => {
  it("stores the booking, its booking.created event, and answers with the booking", async () => {
    let nudges = 0;
    setNudgeHandler(() => {
      nudges += 1;
    });
    const request = bookingRequest(f, {
      start: londonStart("14:30"),
      customer: { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000", note: "Fringe only" },
    });
    const result = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });

    expect(result.status).toBe("created");
    if (result.status !== "created") return;
    const view = result.booking;
    expect(view).toMatchObject({
      status: "confirmed",
      salon: f.salon.slug,
      serviceId: f.services[0].id,
      stylistId: f.stylists[0].id,
      start: "2027-06-15T13:30:00.000Z",
      end: "2027-06-15T14:00:00.000Z",
      local: "2027-06-15T14:30:00+01:00",
    });
    expect(view.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(nudges).toBe(1);

    const [row] = await t.db.select().from(bookings).where(eq(bookings.id, view.id));
    expect(row.blockedUntil.toISOString()).toBe("2027-06-15T14:10:00.000Z");
    expect(row.version).toBe(1);
    expect(row.requestHash).toMatch(/^[0-9a-f]{64}$/);

    const events = await t.db.select().from(outbox).where(eq(outbox.aggregateId, view.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ aggregateType: "booking", salonId: f.salon.id, eventType: "booking.created", status: "pending" });
    const payload = events[0].payload as BookingEventPayload;
    expect(payload).toEqual({
      actor: "customer",
      bookingId: view.id,
      reference: view.reference,
      status: "confirmed",
      sequence: 1,
      start: "2027-06-15T13:30:00.000Z",
      end: "2027-06-15T14:00:00.000Z",
      startLocal: "2027-06-15T14:30:00+01:00",
      endLocal: "2027-06-15T15:00:00+01:00",
      salon: { id: f.salon.id, slug: f.salon.slug, name: f.salon.name, timeZone: "Europe/London", address: "1 Test Street" },
      service: { id: f.services[0].id, name: "Cut", durationMinutes: 30, priceCents: 1000 },
      stylist: { id: f.stylists[0].id, name: "Stylist 1" },
      customer: { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0000", note: "Fringe only" },
    });
  });

  it("picks a free stylist for 'any stylist' and spreads the day's work", async () => {
    const start = londonStart("09:00", "2027-06-16");
    const first = await createBooking(t.db, bookingRequest(f, { stylistId: undefined, start }), { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW });
    const second = await createBooking(t.db, bookingRequest(f, { stylistId: undefined, start: londonStart("11:00", "2027-06-16") }), { actor: NEW_CUSTOMER,
      idempotencyKey: newKey(),
      now: TEST_NOW,
    });
    expect(first.status).toBe("created");
    expect(second.status).toBe("created");
    if (first.status !== "created" || second.status !== "created") return;
    expect(new Set([first.booking.stylistId, second.booking.stylistId]).size).toBe(2);
  });

  it("offers the nearest free slots when the slot is taken", async () => {
    const request = bookingRequest(f, { start: londonStart("10:00", "2027-06-17") });
    expect((await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: newKey(), now: TEST_NOW })).status).toBe("created");
    const taken = await createBooking(t.db, { ...request, customer: { name: "Late", email: "late@example.com" } }, { actor: NEW_CUSTOMER,
      idempotencyKey: newKey(),
      now: TEST_NOW,
    });
    expect(taken.status).toBe("slot_taken");
    if (taken.status !== "slot_taken") return;
    // 10:00–10:30 + 10 minutes' buffer: 09:15 (ends 09:45+10) and 10:45 are the nearest on each side.
    expect(taken.alternatives.map((s) => s.local)).toEqual([
      "2027-06-17T09:00:00+01:00",
      "2027-06-17T09:15:00+01:00",
      "2027-06-17T10:45:00+01:00",
      "2027-06-17T11:00:00+01:00",
      "2027-06-17T11:15:00+01:00",
    ]);
    expect(taken.alternatives.every((s) => s.stylistIds.includes(f.stylists[0].id))).toBe(true);
  });

  it("gives the confirmation page the local time and the zone's name", async () => {
    const result = await createBooking(t.db, bookingRequest(f, { start: londonStart("15:00", "2027-06-18") }), { actor: NEW_CUSTOMER,
      idempotencyKey: newKey(),
      now: TEST_NOW,
    });
    if (result.status !== "created") throw new Error(`expected created, got ${result.status}`);
    const confirmation = await getBookingConfirmation(t.db, result.booking.id);
    expect(confirmation).toMatchObject({
      id: result.booking.id,
      reference: result.booking.reference,
      status: "confirmed",
      salon: { slug: f.salon.slug, name: f.salon.name, timeZone: "Europe/London", address: "1 Test Street" },
      service: { id: f.services[0].id, name: "Cut", durationMinutes: 30, priceCents: 1000 },
      stylist: { id: f.stylists[0].id, name: "Stylist 1" },
      startLocal: "2027-06-18T15:00:00+01:00",
      timeZoneName: "British Summer Time",
      customerName: "Jo Bloggs",
    });
    expect(confirmation?.start.toISOString()).toBe("2027-06-18T14:00:00.000Z");
    expect(await getBookingConfirmation(t.db, "not-a-uuid")).toBeNull();
    expect(await getBookingConfirmation(t.db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
