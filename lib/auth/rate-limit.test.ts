import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { owners, signInAttempts } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { authenticateOwner } from "./authenticate";
import { hashPassword } from "./password";
import { consumeSignInAttempt, purgeStaleSignInAttempts, SIGN_IN_LIMITS } from "./rate-limit";

let db: TestDatabase;
const minutes = (n: number) => n * 60_000;
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

beforeAll(async () => {
  db = await createTestDatabase();
  await db.db.insert(owners).values({
    email: "limit-owner@example.test",
    name: "Limit Owner",
    passwordHash: await hashPassword("right-password"),
  });
});
afterAll(async () => {
  await db?.dispose();
});

describe("sign-in rate limit (kept in the database)", () => {
  it("locks an email after five wrong passwords in 15 minutes, even with the right one", async () => {
    const t0 = new Date("2030-01-01T10:00:00Z");
    const email = "limit-owner@example.test";
    for (let i = 0; i < 5; i++) {
      const r = await authenticateOwner(db.db, { email, password: "wrong", ip: `10.0.0.${i + 1}` }, { now: at(t0, i * 1000) });
      expect(r.status).toBe("invalid");
    }
    const locked = await authenticateOwner(db.db, { email, password: "right-password", ip: "10.0.1.1" }, { now: at(t0, 6000) });
    expect(locked).toEqual({ status: "rate_limited", retryAfterSeconds: 15 * 60 });

    // Still locked just before the lock ends; open again after it.
    const stillLocked = await authenticateOwner(db.db, { email, password: "right-password" }, { now: at(t0, 6000 + minutes(15) - 1000) });
    expect(stillLocked.status).toBe("rate_limited");
    const open = await authenticateOwner(db.db, { email, password: "right-password" }, { now: at(t0, 6000 + minutes(15) + 1000) });
    expect(open.status).toBe("ok");
  });

  it("counts an unknown email the same way, and matches emails case-insensitively", async () => {
    const t0 = new Date("2030-01-02T10:00:00Z");
    for (let i = 0; i < 5; i++) {
      const r = await authenticateOwner(db.db, { email: "Nobody@Example.test", password: "x" }, { now: at(t0, i) });
      expect(r.status).toBe("invalid");
    }
    const r = await authenticateOwner(db.db, { email: "nobody@example.test", password: "x" }, { now: at(t0, 10) });
    expect(r.status).toBe("rate_limited");
  });

  it("starts a new window once 15 minutes have passed without reaching the limit", async () => {
    const t0 = new Date("2030-01-03T10:00:00Z");
    const keys = { email: "window@example.test" };
    for (let i = 0; i < 4; i++) expect((await consumeSignInAttempt(db.db, keys, at(t0, i))).allowed).toBe(true);
    // 4 used; the window expires, so the next five are allowed again.
    for (let i = 0; i < 5; i++) {
      expect((await consumeSignInAttempt(db.db, keys, at(t0, minutes(15) + 1000 + i))).allowed).toBe(true);
    }
    expect((await consumeSignInAttempt(db.db, keys, at(t0, minutes(15) + 2000))).allowed).toBe(false);
  });

  it("a correct password resets the account's count", async () => {
    const t0 = new Date("2030-01-04T10:00:00Z");
    const email = "limit-owner@example.test";
    await db.db.delete(signInAttempts);
    for (let i = 0; i < 4; i++) await authenticateOwner(db.db, { email, password: "wrong" }, { now: at(t0, i) });
    expect((await authenticateOwner(db.db, { email, password: "right-password" }, { now: at(t0, 10) })).status).toBe("ok");
    for (let i = 0; i < 5; i++) {
      expect((await authenticateOwner(db.db, { email, password: "wrong" }, { now: at(t0, 20 + i) })).status).toBe("invalid");
    }
  });

  it("locks one IP that tries many different emails, and only that IP", async () => {
    const t0 = new Date("2030-01-05T10:00:00Z");
    const ip = "203.0.113.7";
    for (let i = 0; i < SIGN_IN_LIMITS.ip.maxAttempts; i++) {
      expect((await consumeSignInAttempt(db.db, { email: `spray-${i}@example.test`, ip }, at(t0, i))).allowed).toBe(true);
    }
    const blocked = await consumeSignInAttempt(db.db, { email: "fresh@example.test", ip }, at(t0, 100));
    expect(blocked.allowed).toBe(false);
    const otherIp = await consumeSignInAttempt(db.db, { email: "fresh@example.test", ip: "203.0.113.8" }, at(t0, 100));
    expect(otherIp.allowed).toBe(true);
  });

  it("holds under a burst of parallel guesses: no more than five get through", async () => {
    const t0 = new Date("2030-01-06T10:00:00Z");
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, () => consumeSignInAttempt(db.db, { email: "burst@example.test" }, t0)),
    );
    expect(verdicts.filter((v) => v.allowed)).toHaveLength(5);
  });

  it("purges rows whose window and lock ended over a day ago", async () => {
    const t0 = new Date("2030-01-07T10:00:00Z");
    await consumeSignInAttempt(db.db, { email: "old@example.test" }, t0);
    await consumeSignInAttempt(db.db, { email: "recent@example.test" }, at(t0, minutes(24 * 60)));
    await purgeStaleSignInAttempts(db.db, at(t0, minutes(24 * 60 + 1)));
    const old = await db.db.select().from(signInAttempts).where(eq(signInAttempts.key, "email:old@example.test"));
    const recent = await db.db.select().from(signInAttempts).where(eq(signInAttempts.key, "email:recent@example.test"));
    expect(old).toHaveLength(0);
    expect(recent).toHaveLength(1);
  });
});
