import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { owners } from "@/db/schema";
import { loadConfig, type RateLimitRules } from "@/lib/config/env";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { authenticateOwner } from "./authenticate";
import { hashPassword } from "./password";

// Finding 3 of issue 13: six wrong passwords from anywhere locked the real owner out for 15
// minutes. Now the tight limit is per (account, client address); the account-wide ceiling is ten
// times higher, so a handful of guesses from one place locks out only that place.

let db: TestDatabase;
const rules: RateLimitRules = loadConfig({}).rateLimits;
const PER_ACCOUNT_AND_IP = rules.signInPerAccountAndIp!.max;
const PER_ACCOUNT = rules.signInPerAccount!.max;
const PER_IP = rules.signInPerIp!.max;
const T0 = new Date("2031-02-03T10:00:00Z"); // on a 15-minute boundary
const at = (ms: number) => ({ now: new Date(T0.getTime() + ms), rules });
let n = 0;
const account = async () => {
  const email = `limit-${++n}@example.test`;
  await db.db.insert(owners).values({ email, name: "Limit Owner", passwordHash: await hashPassword("right-password") });
  return email;
};

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

describe("sign-in limits", () => {
  it("locks one address out of one account after five wrong passwords, but not the owner elsewhere", async () => {
    const email = await account();
    for (let i = 0; i < PER_ACCOUNT_AND_IP; i++) {
      expect((await authenticateOwner(db.db, { email, password: "wrong", ip: "203.0.113.66" }, at(i))).status).toBe("invalid");
    }
    const attacker = await authenticateOwner(db.db, { email, password: "right-password", ip: "203.0.113.66" }, at(100));
    expect(attacker).toEqual({ status: "rate_limited", retryAfterSeconds: 15 * 60 });
    const owner = await authenticateOwner(db.db, { email, password: "right-password", ip: "198.51.100.1" }, at(200));
    expect(owner.status).toBe("ok");
  });

  it("still has a per-account ceiling across addresses", async () => {
    const email = await account();
    for (let i = 0; i < PER_ACCOUNT; i++) {
      await authenticateOwner(db.db, { email, password: "wrong", ip: `10.1.${Math.floor(i / 200)}.${i % 200}` }, at(i));
    }
    const next = await authenticateOwner(db.db, { email, password: "right-password", ip: "198.51.100.2" }, at(PER_ACCOUNT + 1));
    expect(next.status).toBe("rate_limited");
  });

  it("limits one address across many accounts", async () => {
    for (let i = 0; i < PER_IP; i++) {
      await authenticateOwner(db.db, { email: `spray-${i}@example.test`, password: "x", ip: "203.0.113.99" }, at(i));
    }
    expect((await authenticateOwner(db.db, { email: "fresh@example.test", password: "x", ip: "203.0.113.99" }, at(100))).status).toBe(
      "rate_limited",
    );
    expect((await authenticateOwner(db.db, { email: "fresh@example.test", password: "x", ip: "203.0.113.98" }, at(100))).status).toBe(
      "invalid",
    );
  });

  it("counts an unknown email like a known one, case-insensitively", async () => {
    for (let i = 0; i < PER_ACCOUNT_AND_IP; i++) {
      await authenticateOwner(db.db, { email: "Nobody@Example.test", password: "x", ip: "203.0.113.5" }, at(i));
    }
    expect((await authenticateOwner(db.db, { email: "nobody@example.test", password: "x", ip: "203.0.113.5" }, at(10))).status).toBe(
      "rate_limited",
    );
  });

  it("gives the owner's own attempt back after a correct password", async () => {
    const email = await account();
    const ip = "203.0.113.7";
    for (let i = 0; i < PER_ACCOUNT_AND_IP - 1; i++) await authenticateOwner(db.db, { email, password: "wrong", ip }, at(i));
    for (let i = 0; i < 3; i++) {
      expect((await authenticateOwner(db.db, { email, password: "right-password", ip }, at(10 + i))).status).toBe("ok");
    }
  });

  it("holds under a burst of parallel guesses: no more than five get checked", async () => {
    const email = await account();
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, () => authenticateOwner(db.db, { email, password: "wrong", ip: "203.0.113.8" }, at(0))),
    );
    expect(verdicts.filter((v) => v.status === "invalid")).toHaveLength(PER_ACCOUNT_AND_IP);
  });
});
