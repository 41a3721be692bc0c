import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { bookings, outbox } from "@/db/schema";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { respondCreateBooking } from "./bookings";

// POST /api/v1/bookings through its framework-free handler, on a real database.
// Wednesday 10 March 2027 in London (GMT); the clock is fixed well before it.
const NOW = new Date("2027-03-01T08:00:00Z");
const START = "2027-03-10T10:00:00Z";

let t: TestDatabase;
let fx: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.dispose();
});
beforeEach(async () => {
  fx = await createSalonFixture(t.db, { services: [{ name: "Cut", durationMinutes: 30 }] });
});

function bookingBody(overrides: Record<string, unknown> = {}) {
  return {
    salon: fx.salon.slug,
    serviceId: fx.services[0].id,
    stylistId: fx.stylists[0].id,
    start: START,
    customer: { name: "Ada Lovelace", email: "ada@example.test" },
    ...overrides,
  };
}

function post(body: unknown, headers: Record<string, string> = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  return new Request("http://test/api/v1/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID(), ...headers },
    body: text,
  });
}

async function send(request: Request) {
  const response = await respondCreateBooking(t.db, request, { now: NOW });
  return { response, status: response.status, json: (await response.json()) as Record<string, any> };
}

async function rowCounts() {
  const [b] = await t.db.select({ n: sql<number>`count(*)::int` }).from(bookings);
  const [o] = await t.db.select({ n: sql<number>`count(*)::int` }).from(outbox);
  return { bookings: b.n, outbox: o.n };
}

describe("POST /api/v1/bookings", () => {
  it("creates a booking: 201 with exactly the documented fields", async () => {
    const { status, json, response } = await send(post(bookingBody()));
    expect(status).toBe(201);
    expect(Object.keys(json).sort()).toEqual(
      ["end", "id", "local", "manageToken", "reference", "salon", "serviceId", "start", "status", "stylistId"].sort(),
    );
    expect(json.manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(json).toMatchObject({
      status: "confirmed",
      salon: fx.salon.slug,
      serviceId: fx.services[0].id,
      stylistId: fx.stylists[0].id,
      start: "2027-03-10T10:00:00.000Z",
      end: "2027-03-10T10:30:00.000Z",
    });
    expect(json.local).toMatch(/^2027-03-10T10:00:00(\.000)?(Z|\+00:00)$/);
    expect(response.headers.get("Idempotent-Replayed")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("replays the same key and body: 200, same booking, Idempotent-Replayed, no new event", async () => {
    const key = randomUUID();
    const first = await send(post(bookingBody(), { "idempotency-key": key }));
    expect(first.status).toBe(201);
    const before = await rowCounts();
    const replay = await send(post(bookingBody(), { "idempotency-key": key }));
    expect(replay.status).toBe(200);
    expect(replay.response.headers.get("Idempotent-Replayed")).toBe("true");
    // The same booking; the replay gets a manage token of its own (only hashes are stored).
    const { manageToken: firstToken, ...firstBooking } = first.json;
    const { manageToken: replayToken, ...replayBooking } = replay.json;
    expect(replayBooking).toEqual(firstBooking);
    expect(replayToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(replayToken).not.toBe(firstToken);
    expect(await rowCounts()).toEqual(before);
  });

  it("refuses the same key with another body: 422 idempotency_conflict, nothing written", async () => {
    const key = randomUUID();
    expect((await send(post(bookingBody(), { "idempotency-key": key }))).status).toBe(201);
    const before = await rowCounts();
    const other = bookingBody({ start: "2027-03-10T11:00:00Z" });
    const { status, json } = await send(post(other, { "idempotency-key": key }));
    expect(status).toBe(422);
    expect(json.error).toBe("idempotency_conflict");
    expect(await rowCounts()).toEqual(before);
  });

  it("answers 409 slot_taken with the nearest free slots when the stylist is already booked", async () => {
    expect((await send(post(bookingBody()))).status).toBe(201);
    const before = await rowCounts();
    const { status, json } = await send(post(bookingBody({ customer: { name: "Bob", email: "bob@example.test" } })));
    expect(status).toBe(409);
    expect(json.error).toBe("slot_taken");
    expect(json.alternatives.length).toBeGreaterThan(0);
    for (const slot of json.alternatives) {
      expect(slot.start).toMatch(/Z$/);
      expect(slot.end).toMatch(/Z$/);
      expect(slot.stylistIds).toContain(fx.stylists[0].id);
      expect(slot.start).not.toBe("2027-03-10T10:00:00.000Z");
    }
    expect(await rowCounts()).toEqual(before);
  });

  describe("bad input → 4xx and nothing written", () => {
    let before: { bookings: number; outbox: number };
    beforeEach(async () => {
      before = await rowCounts();
    });
    const expectNothingWritten = async () => expect(await rowCounts()).toEqual(before);

    it("a bad email → 400 with a customer.email field error", async () => {
      const { status, json } = await send(post(bookingBody({ customer: { name: "Ada", email: "not-an-email" } })));
      expect(status).toBe(400);
      expect(json.error).toBe("invalid");
      expect(json.fieldErrors["customer.email"]).toEqual(["Please enter a valid email address"]);
      await expectNothingWritten();
    });

    it("a 10,000-character name → 400 with a customer.name field error", async () => {
      const { status, json } = await send(post(bookingBody({ customer: { name: "a".repeat(10_000), email: "a@example.test" } })));
      expect(status).toBe(400);
      expect(json.fieldErrors["customer.name"]).toEqual(["Name must be at most 120 characters"]);
      await expectNothingWritten();
    });

    it("wrong JSON types → 400 naming each field", async () => {
      const { status, json } = await send(post(bookingBody({ serviceId: 42, start: true, customer: "Ada" })));
      expect(status).toBe(400);
      expect(Object.keys(json.fieldErrors).sort()).toEqual(["customer", "serviceId", "start"]);
      await expectNothingWritten();
    });

    it("a JSON array, or a body that is not JSON at all → 400", async () => {
      expect((await send(post([1, 2, 3]))).status).toBe(400);
      const broken = await send(post('{"salon": "x",'));
      expect(broken.status).toBe(400);
      expect(broken.json).toEqual({ error: "invalid", fieldErrors: { body: ["The request body is not valid JSON"] } });
      await expectNothingWritten();
    });

    it("an unknown salon, or a service of another salon → 400 naming the field", async () => {
      const unknownSalon = await send(post(bookingBody({ salon: "no-such-salon" })));
      expect(unknownSalon.status).toBe(400);
      expect(unknownSalon.json.fieldErrors.salon).toBeDefined();
      const other = await createSalonFixture(t.db);
      const foreignService = await send(post(bookingBody({ serviceId: other.services[0].id })));
      expect(foreignService.status).toBe(400);
      expect(foreignService.json.fieldErrors.serviceId).toBeDefined();
      await expectNothingWritten();
    });

    it("a slot in the past or in the lunch break → 400 on start", async () => {
      const past = await send(post(bookingBody({ start: "2027-02-24T10:00:00Z" })));
      expect(past.status).toBe(400);
      expect(past.json.fieldErrors.start).toBeDefined();
      const lunch = await send(post(bookingBody({ start: "2027-03-10T12:15:00Z" })));
      expect(lunch.status).toBe(400);
      expect(lunch.json.fieldErrors.start).toBeDefined();
      await expectNothingWritten();
    });

    it("a missing or malformed Idempotency-Key → 400 naming the header", async () => {
      const request = post(bookingBody());
      request.headers.delete("idempotency-key");
      const missing = await send(request);
      expect(missing.status).toBe(400);
      expect(missing.json.fieldErrors["Idempotency-Key"]).toEqual(["The Idempotency-Key header is required"]);
      const bad = await send(post(bookingBody(), { "idempotency-key": "short" }));
      expect(bad.status).toBe(400);
      expect(bad.json.fieldErrors["Idempotency-Key"]).toBeDefined();
      await expectNothingWritten();
    });

    it("a 17 KB body → 413, whether Content-Length says so or is absent", async () => {
      const big = bookingBody({ customer: { name: "Ada", email: "ada@example.test", note: "x".repeat(17 * 1024) } });
      const declared = await send(post(big));
      expect(declared.status).toBe(413);
      expect(declared.json).toEqual({ error: "payload_too_large" });

      // Streamed without a length: only the bytes actually read can catch it.
      const bytes = new TextEncoder().encode(JSON.stringify(big));
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < bytes.length; i += 1024) controller.enqueue(bytes.slice(i, i + 1024));
          controller.close();
        },
      });
      const streamed = new Request("http://test/api/v1/bookings", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        body: stream,
        duplex: "half",
      } as RequestInit);
      expect(streamed.headers.get("content-length")).toBeNull();
      expect((await send(streamed)).status).toBe(413);
      await expectNothingWritten();
    });

    it("a body that is not application/json → 415", async () => {
      const { status, json } = await send(post(bookingBody(), { "content-type": "text/plain" }));
      expect(status).toBe(415);
      expect(json.error).toBe("unsupported_media_type");
      await expectNothingWritten();
    });
  });
});
