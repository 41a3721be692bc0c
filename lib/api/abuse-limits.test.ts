import { randomUUID } from "node:crypto";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig, type RateLimitRules } from "@/lib/config/env";
import { countRows } from "@/lib/booking/test-support";
import { createTestBookingChannels } from "@/lib/notifications/channels/testing";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";
import { testRelaySettings } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { startSmtpSink, type SmtpSink } from "@/lib/testing/smtp-sink";
import { respondCreateBooking } from "./bookings";
import { respondAvailability } from "./salons";

// Issue 13, finding 2: one client (one IP, one email, 8 requests in parallel) created 559–986
// bookings in 10 s, each mailing a confirmation to an address of its choosing; bookings five years
// ahead were accepted and times were offered two years ahead.

const NOW = new Date("2031-03-03T08:00:00Z"); // a Monday, on a 10-minute and an hour boundary
const DAY_MS = 86_400_000;
const defaults = loadConfig({}).rateLimits;
const unlimited: RateLimitRules = Object.fromEntries(Object.keys(defaults).map((k) => [k, null])) as unknown as RateLimitRules;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ max: 20 });
});
afterAll(async () => {
  await t.dispose();
});

/** The n-th distinct free start of the fixture's default hours (09:00–12:00, 13:00–17:00 every day), from tomorrow. */
function start(n: number): string {
  const perDay = 12 + 16; // 15-minute starts of a 15-minute service, per stylist
  const day = Math.floor(n / perDay);
  const slot = n % perDay;
  const minutes = slot < 12 ? 9 * 60 + slot * 15 : 13 * 60 + (slot - 12) * 15;
  return new Date(NOW.getTime() + (day + 1) * DAY_MS - 8 * 3_600_000 + minutes * 60_000).toISOString();
}

async function book(f: SalonFixture, n: number, who: { ip?: string; email?: string; rules?: RateLimitRules }) {
  const body = {
    salon: f.salon.slug,
    serviceId: f.services[0].id,
    stylistId: f.stylists[0].id,
    start: start(n),
    customer: { name: "Burst Client", email: who.email ?? `client-${n}@example.test` },
  };
  const request = new Request("http://test/api/v1/bookings", {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
    body: JSON.stringify(body),
  });
  const response = await respondCreateBooking(t.db, request, { now: NOW, clientIp: who.ip, rules: who.rules ?? defaults });
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as Record<string, unknown> };
}

/** Sends `count` bookings, `parallel` at a time, as the attacker did. */
async function burst(count: number, parallel: number, send: (n: number) => ReturnType<typeof book>) {
  const results: Awaited<ReturnType<typeof book>>[] = [];
  for (let i = 0; i < count; i += parallel) {
    results.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - i) }, (_, j) => send(i + j)))));
  }
  return results;
}

// No reminders: the events counted here are the bookings' announcements only.
const salonFixture = () => createSalonFixture(t.db, { services: [{ name: "Trim", durationMinutes: 15 }], stylists: 1, bookingHorizonDays: 90, reminderOffsetsMinutes: [] });

describe("rate limits on the booking API", () => {
  it("one address: the default 20 per 10 minutes, then 429 with Retry-After, and nothing written past it", async () => {
    const f = await salonFixture();
    const before = await countRows(t.db);
    const results = await burst(40, 8, (n) => book(f, n, { ip: "203.0.113.10" }));
    const created = results.filter((r) => r.status === 201);
    const refused = results.filter((r) => r.status === 429);
    expect(created).toHaveLength(defaults.bookingPerIp!.max);
    expect(refused).toHaveLength(40 - defaults.bookingPerIp!.max);
    for (const r of refused) {
      expect(r.body).toEqual({ error: "rate_limited" });
      expect(Number(r.retryAfter)).toBe(600);
    }
    const after = await countRows(t.db);
    expect(after.bookings - before.bookings).toBe(created.length);
    expect(after.outbox - before.outbox).toBe(created.length);
  });

  it("one customer email from many addresses: 10 an hour", async () => {
    const f = await salonFixture();
    const results = await burst(16, 8, (n) => book(f, n, { ip: `198.51.100.${n + 1}`, email: "victim@example.test" }));
    expect(results.filter((r) => r.status === 201)).toHaveLength(defaults.bookingPerEmail!.max);
    expect(results.filter((r) => r.status === 429)).toHaveLength(16 - defaults.bookingPerEmail!.max);
  });

  it("one salon from many addresses and emails: its own ceiling", async () => {
    const f = await salonFixture();
    const rules = { ...unlimited, bookingPerSalon: { max: 5, windowSeconds: 600 } };
    const results = await burst(8, 8, (n) => book(f, n, { ip: `192.0.2.${n + 1}`, rules }));
    expect(results.filter((r) => r.status === 201)).toHaveLength(5);
    expect(results.filter((r) => r.status === 429)).toHaveLength(3);
  });

  it("a booking five years ahead is refused before any lookup, and free times stop at the salon's horizon", async () => {
    const f = await salonFixture();
    const fiveYears = new Date(NOW.getTime() + 5 * 365 * DAY_MS).toISOString();
    const request = new Request("http://test/api/v1/bookings", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
      body: JSON.stringify({ salon: f.salon.slug, serviceId: f.services[0].id, start: fiveYears, customer: { name: "A", email: "a@example.test" } }),
    });
    const response = await respondCreateBooking(t.db, request, { now: NOW, rules: unlimited });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { fieldErrors: { start: string[] } }).fieldErrors.start[0]).toMatch(/too far ahead/);

    // 91 days ahead: past this salon's 90.
    const beyond = new Date(NOW.getTime() + 91 * DAY_MS).toISOString().slice(0, 10);
    const refused = await respondAvailability(t.db, f.salon.slug, new URLSearchParams({ serviceId: f.services[0].id, from: beyond }), { now: NOW, rules: unlimited });
    expect(refused.status).toBe(400);
    // A range that runs past the horizon is cut there.
    const lastDay = new Date(NOW.getTime() + 90 * DAY_MS).toISOString().slice(0, 10);
    const from = new Date(NOW.getTime() + 85 * DAY_MS).toISOString().slice(0, 10);
    const to = new Date(NOW.getTime() + 100 * DAY_MS).toISOString().slice(0, 10);
    const cut = await respondAvailability(t.db, f.salon.slug, new URLSearchParams({ serviceId: f.services[0].id, from, to }), { now: NOW, rules: unlimited });
    const slots = ((await cut.json()) as { slots: { start: string }[] }).slots;
    expect(slots.length).toBeGreaterThan(0);
    expect(slots.every((s) => Date.parse(s.start) <= NOW.getTime() + 90 * DAY_MS)).toBe(true);
    expect(slots.at(-1)!.start.slice(0, 10) <= lastDay).toBe(true);
  });
});

describe("confirmation emails to one address", () => {
  let sink: SmtpSink;
  let channels: OutboxChannel[];
  beforeAll(async () => {
    sink = await startSmtpSink();
    channels = createTestBookingChannels({ smtpUrl: sink.url, maxConnections: 2, appUrl: "https://salon.test" });
  });
  afterAll(async () => {
    await Promise.all(channels.map((c) => c.close?.()));
    await sink.close();
  });

  it("are capped per hour; the bookings past the cap are still made and confirmed, and the owner still told", async () => {
    const f = await salonFixture();
    const rules = { ...unlimited, confirmationPerEmail: { max: 2, windowSeconds: 3600 } };
    const results = await burst(5, 5, (n) => book(f, n, { email: "someone@example.test", rules }));
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);

    await drainOutbox(t.db, { holder: "abuse-limits", channels, settings: testRelaySettings() });
    await sink.waitForMessages(5 + 2);
    const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : undefined);
    const mails = await sink.parsed();
    expect(mails.filter((m) => to(m) === "someone@example.test")).toHaveLength(2);
    expect(mails.filter((m) => to(m) === f.owner.email)).toHaveLength(5);
  });

  it("count bookings made, not attempts: a taken slot or a refusal does not use one up", async () => {
    const f = await salonFixture();
    const rules = { ...unlimited, confirmationPerEmail: { max: 2, windowSeconds: 3600 } };
    const who = { email: "retrier@example.test", rules };
    expect((await book(f, 0, who)).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await book(f, 0, who)).status).toBe(409);
    expect((await book(f, 1, who)).status).toBe(201);
    const before = sink.messageIds.length;
    await drainOutbox(t.db, { holder: "abuse-limits-2", channels, settings: testRelaySettings() });
    await sink.waitForMessages(before + 4);
    const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.value[0].address : undefined);
    expect((await sink.parsed()).filter((m) => to(m) === "retrier@example.test")).toHaveLength(2);
  });
});
