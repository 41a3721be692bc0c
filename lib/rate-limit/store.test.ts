import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { consumeRateLimits, purgeExpiredRateLimits, rateKey, refundRateLimits, windowEnd, type RateCheck } from "./store";

// The fixed-window counters on a real database: one statement per check, shared by every instance.

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.dispose();
});

const fivePerMinute = { max: 5, windowSeconds: 60 };
const T0 = new Date("2031-01-01T10:00:00Z"); // on a minute boundary
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("consumeRateLimits", () => {
  it("allows max hits in a window, refuses the next with Retry-After until the window ends, and starts again after it", async () => {
    const check: RateCheck = { key: rateKey("test", "window"), rule: fivePerMinute };
    for (let i = 0; i < 5; i++) expect((await consumeRateLimits(t.db, [check], at(i * 1000))).allowed).toBe(true);
    expect(await consumeRateLimits(t.db, [check], at(20_000))).toMatchObject({ allowed: false, retryAfterSeconds: 40 });
    expect(await consumeRateLimits(t.db, [check], at(59_999))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    expect((await consumeRateLimits(t.db, [check], at(60_000))).allowed).toBe(true);
  });

  it("lets exactly max of a parallel burst through: no read before the write for them to slip past", async () => {
    const check: RateCheck = { key: rateKey("test", "burst"), rule: fivePerMinute };
    const verdicts = await Promise.all(Array.from({ length: 20 }, () => consumeRateLimits(t.db, [check], at(1000))));
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it("refuses when any limit of the request is over, and counts every key in one statement", async () => {
    const ip: RateCheck = { key: rateKey("test", "ip-a"), rule: { max: 2, windowSeconds: 60 } };
    const email = (n: number): RateCheck => ({ key: rateKey("test", `email-${n}`), rule: fivePerMinute });
    expect((await consumeRateLimits(t.db, [ip, email(1)], at(0))).allowed).toBe(true);
    expect((await consumeRateLimits(t.db, [ip, email(2)], at(1))).allowed).toBe(true);
    const third = await consumeRateLimits(t.db, [ip, email(3)], at(2));
    expect(third.allowed).toBe(false);
    expect([...third.over]).toEqual([ip.key]);
    // Email 3 was counted all the same.
    const [row] = await t.db.select().from(rateLimits).where(sql`${rateLimits.key} = ${email(3).key}`);
    expect(row.hits).toBe(1);
  });

  it("reports a 'count' check past its max without refusing the request", async () => {
    const mails: RateCheck = { key: rateKey("test", "mails"), rule: { max: 1, windowSeconds: 3600 }, mode: "count" };
    expect(await consumeRateLimits(t.db, [mails], at(0))).toEqual({ allowed: true, over: new Set() });
    expect(await consumeRateLimits(t.db, [mails], at(1))).toEqual({ allowed: true, over: new Set([mails.key]) });
  });

  it("keeps counting in the later window when another instance's clock is ahead", async () => {
    const check: RateCheck = { key: rateKey("test", "skew"), rule: { max: 2, windowSeconds: 60 } };
    await consumeRateLimits(t.db, [check], at(61_000)); // the fast clock: next window
    await consumeRateLimits(t.db, [check], at(59_000)); // the slow clock: counted in that window too
    expect((await consumeRateLimits(t.db, [check], at(59_500))).allowed).toBe(false);
  });

  it("gives a hit back, never below zero", async () => {
    const check: RateCheck = { key: rateKey("test", "refund"), rule: { max: 1, windowSeconds: 60 } };
    await consumeRateLimits(t.db, [check], at(0));
    await refundRateLimits(t.db, [check.key, check.key]);
    await refundRateLimits(t.db, [check.key]);
    expect((await consumeRateLimits(t.db, [check], at(1))).allowed).toBe(true);
    expect((await consumeRateLimits(t.db, [check], at(2))).allowed).toBe(false);
  });

  it("purges rows whose window is over and keeps the rest", async () => {
    const old: RateCheck = { key: rateKey("test", "old"), rule: { max: 9, windowSeconds: 60 } };
    const live: RateCheck = { key: rateKey("test", "live"), rule: { max: 9, windowSeconds: 3600 } };
    await consumeRateLimits(t.db, [old, live], at(0));
    await purgeExpiredRateLimits(t.db, at(61_000));
    const keys = (await t.db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key);
    expect(keys).not.toContain(old.key);
    expect(keys).toContain(live.key);
  });
});

describe("rateKey and windowEnd", () => {
  it("stores a digest, never the email or token itself", () => {
    const key = rateKey("booking-email", "ada@example.test");
    expect(key).toMatch(/^booking-email:[A-Za-z0-9_-]{22}$/);
    expect(key).not.toContain("ada");
  });

  it("aligns windows to the clock", () => {
    expect(windowEnd(new Date("2031-01-01T10:07:30Z"), 600).toISOString()).toBe("2031-01-01T10:10:00.000Z");
    expect(windowEnd(new Date("2031-01-01T10:10:00Z"), 600).toISOString()).toBe("2031-01-01T10:20:00.000Z");
  });
});
