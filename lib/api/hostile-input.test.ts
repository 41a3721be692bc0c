import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { bookings, salons } from "@/db/schema";
import { countRows } from "@/lib/booking/test-support";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { NO_LIMITS } from "@/lib/testing/hostile";
import { respondCreateBooking } from "./bookings";
import { respondAvailability } from "./salons";

// Issue 13, finding 6: 500s where a 4xx is due — a NUL byte in a name or note, the year 0000 — and
// a failed insert that logged the customer's name, email and note.

const NOW = new Date("2027-03-01T08:00:00Z");
const caller = { now: NOW, rules: NO_LIMITS };
let t: TestDatabase;
let fx: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  fx = await createSalonFixture(t.db, { services: [{ name: "Cut", durationMinutes: 30 }] });
});
afterAll(async () => {
  await t.dispose();
});
afterEach(() => {
  restoreEnv();
  vi.restoreAllMocks();
});

function post(customer: Record<string, string>, start = "2027-03-10T10:00:00Z", salon = fx) {
  return new Request("http://test/api/v1/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify({ salon: salon.salon.slug, serviceId: salon.services[0].id, start, customer }),
  });
}
const send = async (request: Request) => {
  const response = await respondCreateBooking(t.db, request, caller);
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

describe("hostile input to the booking API", () => {
  it("a NUL byte in the name is a 400 on customer.name, and nothing is written", async () => {
    const before = await countRows(t.db);
    const { status, body } = await send(post({ name: "Ada\u0000Lovelace", email: "ada@example.test" }));
    expect(status).toBe(400);
    expect(body.fieldErrors["customer.name"]).toEqual(["Name must be a single line of plain text: no line breaks, tabs or control characters"]);
    expect(await countRows(t.db)).toEqual(before);
  });

  it("a note keeps its line breaks and loses NUL and the other controls", async () => {
    const { status, body } = await send(post({ name: "Ada", email: "ada@example.test", note: "Line one\r\nLine\u0000 two\u202e\ttabbed" }, "2027-03-10T11:00:00Z"));
    expect(status).toBe(201);
    const [row] = await t.db.select({ note: bookings.customerNote }).from(bookings).where(eq(bookings.id, body.id));
    expect(row.note).toBe("Line one\nLine two tabbed");
  });

  it("the year 0000, impossible dates and dates past 9999 are a 400 naming the field", async () => {
    for (const start of ["0000-01-01T10:00:00Z", "2027-02-30T10:00:00Z", "9999-12-31T23:00:00-05:00"]) {
      const { status, body } = await send(post({ name: "Ada", email: "ada@example.test" }, start));
      expect(status, start).toBe(400);
      expect(body.fieldErrors.start, start).toBeDefined();
    }
    for (const from of ["0000-01-01", "2026-02-30", "+010000-01-01"]) {
      const response = await respondAvailability(t.db, fx.salon.slug, new URLSearchParams({ serviceId: fx.services[0].id, from }), caller);
      expect(response.status, from).toBe(400);
      expect(((await response.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.from, from).toBeDefined();
    }
  });

  it("a failed insert is logged without the customer's name, email, phone or note", async () => {
    // An event payload over the outbox's 16 KB cap: the insert fails in the database (23514).
    const huge = await createSalonFixture(t.db, { services: [{ name: "Cut", durationMinutes: 30 }] });
    await t.db.update(salons).set({ address: "x".repeat(17_000) }).where(eq(salons.id, huge.salon.id));
    stubEnv({ LOG_LEVEL: "error" });
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((line: string) => void lines.push(line));
    const customer = { name: "Secret Name", email: "secret.person@example.test", phone: "+44 7911 123456", note: "secret note text" };
    const { status, body } = await send(post(customer, "2027-03-10T10:00:00Z", huge));
    expect(status).toBe(500);
    expect(body).toEqual({ error: "internal" });
    expect(lines.join("\n")).toMatch(/booking insert failed/);
    for (const secret of Object.values(customer)) expect(lines.join("\n")).not.toContain(secret);
  });
});
