import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anyJson, domainRows, hostileText, hugeNumber, NO_LIMITS, oddDate, oddInstant } from "@/lib/testing/hostile";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { respondCreateBooking } from "./bookings";
import { respondCancelBooking, respondManagedBooking, respondRescheduleBooking } from "./manage";
import { respondAvailability, respondSalon } from "./salons";

// Property tests over the JSON API (issue 13): arbitrary strings, unicode, control characters,
// huge numbers and odd dates never produce a 5xx, and a 4xx writes nothing.

const NOW = new Date("2027-03-01T08:00:00Z");
const caller = { now: NOW, rules: NO_LIMITS };
const RUNS = 150;

let t: TestDatabase;
let fx: SalonFixture;
let manageToken: string;

beforeAll(async () => {
  t = await createTestDatabase();
  fx = await createSalonFixture(t.db, { services: [{ name: "Cut", durationMinutes: 30 }] });
  const made = await respondCreateBooking(t.db, post(validBody()), caller);
  expect(made.status).toBe(201);
  manageToken = ((await made.json()) as { manageToken: string }).manageToken;
});
afterAll(async () => {
  await t.dispose();
});

function validBody(): Record<string, unknown> {
  return {
    salon: fx.salon.slug,
    serviceId: fx.services[0].id,
    stylistId: fx.stylists[0].id,
    start: "2027-03-10T10:00:00Z",
    customer: { name: "Ada Lovelace", email: "ada@example.test", phone: "+44 20 7946 0000", note: "Window seat" },
  };
}

function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request("http://test/api/v1/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID(), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

// Each customer mutation books a day of its own, so it reaches the insert instead of a taken slot.
let day = 0;
const nextFreeStart = () => new Date(Date.parse("2027-03-11T09:00:00Z") + day++ * 86_400_000).toISOString();

/** A valid booking with one field (or the customer's) replaced by something hostile. */
const mutatedBooking = fc.oneof(
  {
    arbitrary: fc
      .record({ field: fc.constantFrom("salon", "serviceId", "stylistId", "start"), value: fc.oneof(anyJson, oddInstant) })
      .map(({ field, value }) => ({ ...validBody(), [field]: value })),
    weight: 2,
  },
  {
    arbitrary: fc
      .record({ field: fc.constantFrom("name", "email", "phone", "note"), value: fc.oneof({ arbitrary: hostileText, weight: 3 }, { arbitrary: anyJson, weight: 1 }) })
      .map(({ field, value }) => ({ ...validBody(), start: nextFreeStart(), customer: { ...(validBody().customer as object), [field]: value } })),
    weight: 4,
  },
  { arbitrary: anyJson, weight: 1 },
);

async function expectNoServerError(response: Response, before: Record<string, number>) {
  expect(response.status, await response.clone().text()).toBeLessThan(500);
  if (response.status >= 400) expect(await domainRows(t.db)).toEqual(before);
}

describe("the JSON API under hostile input", () => {
  it("POST /api/v1/bookings: never a 5xx; a 4xx writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedBooking, fc.oneof(fc.constant(undefined), hostileText), async (body, key) => {
        const before = await domainRows(t.db);
        const headers: Record<string, string> = key === undefined ? {} : { "idempotency-key": key.replace(/[^\x20-\x7e]/g, "") };
        await expectNoServerError(await respondCreateBooking(t.db, post(body, headers), caller), before);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /api/v1/bookings: bodies that are not JSON objects at all", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ unit: "binary", maxLength: 200 }), fc.json()), async (raw) => {
        const before = await domainRows(t.db);
        await expectNoServerError(await respondCreateBooking(t.db, post(raw), caller), before);
      }),
      { numRuns: RUNS },
    );
  });

  it("GET /api/v1/salons/{slug}/availability: any slug and query, never a 5xx, nothing written", async () => {
    const param = fc.oneof(fc.constant(undefined), hostileText, oddDate, hugeNumber.map(String));
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(fx.salon.slug), hostileText),
        fc.record({ serviceId: fc.oneof(fc.constant(fx.services[0].id), param), stylistId: param, from: fc.oneof(oddDate, param), to: fc.oneof(oddDate, param) }),
        async (slug, query) => {
          const params = new URLSearchParams();
          for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
          const before = await domainRows(t.db);
          const response = await respondAvailability(t.db, slug, params, caller);
          expect(response.status, await response.clone().text()).toBeLessThan(500);
          expect(await domainRows(t.db)).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("GET /api/v1/salons/{slug}: any slug", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (slug) => {
        expect((await respondSalon(t.db, slug)).status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
  });

  it("/api/v1/manage/{token}: any token and body, never a 5xx; a 4xx writes nothing", async () => {
    const token = fc.oneof(fc.constant(manageToken), hostileText);
    const body = fc.oneof(
      anyJson,
      fc.record({ start: fc.oneof(oddInstant, anyJson), stylistId: fc.oneof(fc.constant(undefined), hostileText, fc.constant(fx.stylists[1].id)) }),
    );
    await fc.assert(
      fc.asyncProperty(token, body, fc.constantFrom("get", "reschedule", "cancel-empty", "cancel-json"), async (tok, json, what) => {
        const before = await domainRows(t.db);
        const request = (withBody: boolean) =>
          new Request("http://test/api/v1/manage/x", {
            method: "POST",
            headers: withBody ? { "content-type": "application/json" } : {},
            body: withBody ? JSON.stringify(json) : undefined,
          });
        const response =
          what === "get"
            ? await respondManagedBooking(t.db, tok, caller)
            : what === "reschedule"
              ? await respondRescheduleBooking(t.db, tok, request(true), caller)
              : await respondCancelBooking(t.db, tok, request(what === "cancel-json"), caller);
        await expectNoServerError(response, before);
      }),
      { numRuns: RUNS },
    );
  });
});
