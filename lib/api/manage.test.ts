import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, outbox } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { respondCreateBooking } from "./bookings";
import { respondCancelBooking, respondManagedBooking, respondRescheduleBooking } from "./manage";

// /api/v1/manage/{token} through its framework-free handlers, on a real database.
// Wednesday 10 March 2027 in London (GMT); the salon's cutoff is 2 hours.
const NOW = new Date("2027-03-01T08:00:00Z");

let t: TestDatabase;
let fx: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  // No reminders at this salon: the events counted here are the booking's announcements only
  // (reminders have their own tests: lib/notifications/channels/reminders.test.ts).
  fx = await createSalonFixture(t.db, { services: [{ name: "Cut", durationMinutes: 30 }], cancellationCutoffMinutes: 120, reminderOffsetsMinutes: [] });
});
afterAll(async () => {
  await t.dispose();
});

async function book(start: string, stylist = 0): Promise<{ id: string; manageToken: string }> {
  const request = new Request("http://test/api/v1/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({
      salon: fx.salon.slug,
      serviceId: fx.services[0].id,
      stylistId: fx.stylists[stylist].id,
      start,
      customer: { name: "Ada Lovelace", email: "ada@example.test" },
    }),
  });
  const response = await respondCreateBooking(t.db, request, { now: NOW });
  expect(response.status).toBe(201);
  return response.json();
}

const post = (body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://test/api/v1/manage/x", { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

async function json(response: Response) {
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function writes(bookingId: string) {
  const [row] = await t.db.select({ version: bookings.version, status: bookings.status, start: bookings.startsAt }).from(bookings).where(eq(bookings.id, bookingId));
  const [events] = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.aggregateId, bookingId));
  return { ...row, events: events.n };
}

describe("GET /api/v1/manage/{token}", () => {
  it("answers the booking the token opens, with what the customer may still do", async () => {
    const { id, manageToken } = await book("2027-03-10T10:00:00Z");
    const { status, body } = await json(await respondManagedBooking(t.db, manageToken, { now: NOW }));
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id,
      status: "confirmed",
      salon: { slug: fx.salon.slug, name: fx.salon.name, address: "1 Test Street", timeZone: "Europe/London" },
      service: { id: fx.services[0].id, name: "Cut", durationMinutes: 30 },
      stylist: { id: fx.stylists[0].id, name: "Stylist 1" },
      start: "2027-03-10T10:00:00.000Z",
      local: "2027-03-10T10:00:00+00:00",
      customerName: "Ada Lovelace",
      cancellationCutoffMinutes: 120,
      changeableUntil: "2027-03-10T08:00:00.000Z",
      canChange: true,
    });
    expect(JSON.stringify(body)).not.toContain("ada@example.test");
  });

  it("is a 404 for an unknown, truncated or malformed token", async () => {
    const { manageToken } = await book("2027-03-10T10:30:00Z");
    for (const token of [manageToken.slice(0, 20), randomUUID(), "A".repeat(43), "../../etc/passwd", ""]) {
      const { status, body } = await json(await respondManagedBooking(t.db, token, { now: NOW }));
      expect([status, body]).toEqual([404, { error: "not_found" }]);
    }
  });
});

describe("POST /api/v1/manage/{token}/reschedule", () => {
  it("moves the booking (200) and refuses what cannot be done with the documented 4xx, writing nothing", async () => {
    const { id, manageToken } = await book("2027-03-10T11:00:00Z");
    const other = await book("2027-03-10T15:00:00Z");
    const moved = await json(await respondRescheduleBooking(t.db, manageToken, post({ start: "2027-03-10T14:00:00Z" }), { now: NOW }));
    expect(moved).toMatchObject({ status: 200, body: { id, start: "2027-03-10T14:00:00.000Z", status: "confirmed" } });
    const before = await writes(id);
    expect(before).toMatchObject({ version: 2, events: 2 });

    const cases: [Request, Date, number, Record<string, unknown>][] = [
      [post({ start: "soon" }), NOW, 400, { error: "invalid", fieldErrors: { start: [expect.any(String)] } }],
      [post({ start: "2027-03-10T12:15:00Z" }), NOW, 400, { error: "invalid", fieldErrors: { start: [expect.stringMatching(/break/)] } }],
      [post({ start: "2027-03-10T15:00:00Z" }), NOW, 409, { error: "slot_taken", alternatives: expect.any(Array) }],
      [post({ start: "2027-03-10T16:00:00Z" }), new Date("2027-03-10T12:30:00Z"), 409, { error: "too_late", cutoffMinutes: 120 }],
      [post({ start: "2027-03-10T16:00:00Z" }, { "content-type": "text/plain" }), NOW, 415, { error: "unsupported_media_type" }],
      [post({ start: "2027-03-10T16:00:00Z", pad: "x".repeat(5000) }), NOW, 413, { error: "payload_too_large" }],
      [post("{not json"), NOW, 400, { error: "invalid", fieldErrors: { body: [expect.any(String)] } }],
    ];
    for (const [request, now, status, body] of cases) {
      expect(await json(await respondRescheduleBooking(t.db, manageToken, request, { now }))).toEqual({ status, body: expect.objectContaining(body) });
    }
    expect(await writes(id)).toEqual(before);
    expect(await json(await respondRescheduleBooking(t.db, manageToken.slice(1), post({ start: "2027-03-10T16:00:00Z" }), { now: NOW }))).toEqual({
      status: 404,
      body: { error: "not_found" },
    });
    expect((await writes(other.id)).version).toBe(1);
  });
});

describe("POST /api/v1/manage/{token}/cancel", () => {
  it("cancels once (200), then answers 409; a cancelled booking cannot be moved", async () => {
    const { id, manageToken } = await book("2027-03-10T13:00:00Z");
    const empty = new Request("http://test/api/v1/manage/x/cancel", { method: "POST" });
    expect(await json(await respondCancelBooking(t.db, manageToken, empty, { now: NOW }))).toMatchObject({ status: 200, body: { id, status: "cancelled" } });
    const after = await writes(id);
    expect(after).toMatchObject({ status: "cancelled", version: 2, events: 2 });

    expect(await json(await respondCancelBooking(t.db, manageToken, post({}), { now: NOW }))).toMatchObject({ status: 409, body: { error: "already_cancelled" } });
    expect(await json(await respondRescheduleBooking(t.db, manageToken, post({ start: "2027-03-10T16:30:00Z" }), { now: NOW }))).toMatchObject({
      status: 409,
      body: { error: "cancelled" },
    });
    expect((await json(await respondManagedBooking(t.db, manageToken, { now: NOW }))).body).toMatchObject({
      status: "cancelled",
      canChange: false,
      lockedReason: "cancelled",
    });
    expect(await writes(id)).toEqual(after);
  });

  it("refuses inside the cutoff (409 too_late), a body that is not JSON (415) or too big (413), and an unknown token (404)", async () => {
    const { id, manageToken } = await book("2027-03-10T16:00:00Z");
    const before = await writes(id);
    const late = new Date("2027-03-10T14:30:00Z");
    expect(await json(await respondCancelBooking(t.db, manageToken, post({}), { now: late }))).toEqual({
      status: 409,
      body: { error: "too_late", cutoffMinutes: 120, message: expect.stringContaining("2 hours") },
    });
    expect((await respondCancelBooking(t.db, manageToken, post("x", { "content-type": "text/plain" }), { now: NOW })).status).toBe(415);
    expect((await respondCancelBooking(t.db, manageToken, post({ pad: "x".repeat(5000) }), { now: NOW })).status).toBe(413);
    expect((await respondCancelBooking(t.db, manageToken, post([1, 2]), { now: NOW })).status).toBe(400);
    expect((await respondCancelBooking(t.db, "B".repeat(43), post({}), { now: NOW })).status).toBe(404);
    expect(await writes(id)).toEqual(before);
  });
});
