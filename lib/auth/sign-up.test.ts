import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { owners } from "@/db/schema";
import { fieldErrors } from "@/lib/booking/schemas";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { authenticateOwner } from "./authenticate";
import { loadConfig } from "@/lib/config/env";
import { signUpOwner, signUpSchema } from "./sign-up";

const SIGN_UP_LIMIT = { maxAttempts: loadConfig({}).rateLimits.signUpPerIp!.max };

let db: TestDatabase;
let ipCounter = 0;
// Each test gets an address of its own, so the sign-up throttle of one does not leak into another.
const freshIp = () => `198.51.100.${++ipCounter}`;
const ownerCount = async () => (await db.db.select({ n: sql<number>`count(*)::int` }).from(owners))[0].n;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.dispose();
});

describe("signUpSchema", () => {
  const valid = { name: "Nia Owner", email: "nia@example.test", password: "twelve-chars" };

  it("accepts a 12-character password and normalises the email as sign-in does", () => {
    const parsed = signUpSchema.parse({ ...valid, email: "  Nia@Example.TEST ", name: "  Nia Owner " });
    expect(parsed).toEqual({ name: "Nia Owner", email: "nia@example.test", password: "twelve-chars" });
  });

  it("names each field that is wrong", () => {
    const result = signUpSchema.safeParse({ name: " ", email: "not-an-email", password: "eleven-char" });
    expect(result.success).toBe(false);
    const errors = fieldErrors(result.error!);
    expect(errors.name).toEqual(["Please enter your name"]);
    expect(errors.email).toEqual(["Please enter a valid email address"]);
    expect(errors.password).toEqual(["Password must be at least 12 characters"]);
  });

  it("caps every field, so nobody can make argon2 hash megabytes", () => {
    const result = signUpSchema.safeParse({ name: "n".repeat(101), email: `${"e".repeat(250)}@x.test`, password: "p".repeat(201) });
    const errors = fieldErrors(result.error!);
    expect(errors.name).toEqual(["Name must be at most 100 characters"]);
    expect(errors.email).toContain("Email must be at most 254 characters");
    expect(errors.password).toEqual(["Password must be at most 200 characters"]);
    expect(signUpSchema.safeParse({ ...valid, password: "p".repeat(200) }).success).toBe(true);
  });
});

describe("signUpOwner", () => {
  it("stores an argon2id hash, never the password, and the new owner can sign in", async () => {
    const input = signUpSchema.parse({ name: "Rosa Salon", email: "Rosa@Example.test", password: "correct horse battery" });
    const result = await signUpOwner(db.db, { ...input, ip: freshIp() });
    expect(result.status).toBe("ok");
    const [row] = await db.db.select().from(owners).where(eq(owners.email, "rosa@example.test"));
    expect(row.name).toBe("Rosa Salon");
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain("correct horse");
    if (result.status === "ok") expect(result.owner).toEqual({ id: row.id, email: "rosa@example.test", name: "Rosa Salon" });

    const signedIn = await authenticateOwner(db.db, { email: "ROSA@example.test", password: "correct horse battery" });
    expect(signedIn.status).toBe("ok");
  });

  it("refuses an email that is registered already, whatever its case, and leaves that account alone", async () => {
    const ip = freshIp();
    await signUpOwner(db.db, { name: "First", email: "taken@example.test", password: "first-password-1", ip });
    const [before] = await db.db.select().from(owners).where(eq(owners.email, "taken@example.test"));
    const count = await ownerCount();

    const again = await signUpOwner(db.db, { name: "Second", email: "taken@example.test", password: "second-password-2", ip });
    expect(again).toEqual({ status: "email_taken" });
    expect(await ownerCount()).toBe(count);
    const [after] = await db.db.select().from(owners).where(eq(owners.email, "taken@example.test"));
    expect(after).toEqual(before);
    expect((await authenticateOwner(db.db, { email: "taken@example.test", password: "second-password-2" })).status).toBe("invalid");
  });

  it("lets exactly one of two simultaneous sign-ups with one email through", async () => {
    const results = await Promise.all(
      ["A", "B", "C"].map((name) =>
        signUpOwner(db.db, { name, email: "race@example.test", password: "race-password-1", ip: freshIp() }),
      ),
    );
    expect(results.filter((r) => r.status === "ok")).toHaveLength(1);
    expect(results.filter((r) => r.status === "email_taken")).toHaveLength(2);
  });

  it("throttles one address after five attempts an hour — taken emails count too — and writes nothing then", async () => {
    const ip = freshIp();
    const t0 = new Date("2031-05-01T09:00:00Z");
    const at = (ms: number) => ({ now: new Date(t0.getTime() + ms) });
    await signUpOwner(db.db, { name: "Known", email: "known@example.test", password: "known-password", ip: freshIp() });

    // Probing for accounts: each "taken" answer costs an attempt.
    for (let i = 0; i < SIGN_UP_LIMIT.maxAttempts - 1; i++) {
      expect((await signUpOwner(db.db, { name: "P", email: "known@example.test", password: "probe-password", ip }, at(i))).status).toBe(
        "email_taken",
      );
    }
    expect((await signUpOwner(db.db, { name: "Last", email: "last-ok@example.test", password: "last-password", ip }, at(10))).status).toBe("ok");

    const count = await ownerCount();
    const refused = await signUpOwner(db.db, { name: "Six", email: "sixth@example.test", password: "sixth-password", ip }, at(20));
    expect(refused).toEqual({ status: "rate_limited", retryAfterSeconds: 60 * 60 });
    expect(await ownerCount()).toBe(count);

    // Another address is not held up; this one is open again once the hour's lock is over.
    expect((await signUpOwner(db.db, { name: "Else", email: "else@example.test", password: "else-password", ip: freshIp() }, at(30))).status).toBe("ok");
    const later = await signUpOwner(db.db, { name: "Six", email: "sixth@example.test", password: "sixth-password", ip }, at(20 + 60 * 60_000 + 1000));
    expect(later.status).toBe("ok");
  });

  it("puts clients without a known address in one shared bucket instead of letting them through unthrottled", async () => {
    const t0 = Date.parse("2031-06-01T09:00:00Z");
    for (let i = 0; i < SIGN_UP_LIMIT.maxAttempts; i++) {
      await signUpOwner(db.db, { name: "U", email: `unknown-${i}@example.test`, password: "unknown-password" }, { now: new Date(t0 + i) });
    }
    const refused = await signUpOwner(db.db, { name: "U", email: "unknown-x@example.test", password: "unknown-password" }, { now: new Date(t0 + 10) });
    expect(refused.status).toBe("rate_limited");
  });
});

describe("sign-up under hostile input (issue 13)", () => {
  it("refuses control and bidi characters in the name with a field error, and never fails on our side", async () => {
    const { default: fc } = await import("fast-check");
    const { hostileText, NO_LIMITS } = await import("@/lib/testing/hostile");
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (name, email) => {
        const before = await ownerCount();
        const parsed = signUpSchema.safeParse({ name, email, password: "a long enough password" });
        if (!parsed.success) {
          expect(await ownerCount()).toBe(before);
          return;
        }
        expect(parsed.data.name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        const result = await signUpOwner(db.db, { ...parsed.data, ip: freshIp() }, { rules: NO_LIMITS });
        expect(["ok", "email_taken"]).toContain(result.status);
      }),
      { numRuns: 40 },
    );
    const refused = signUpSchema.safeParse({ name: "Eve\r\nBcc: x@example.com", email: "eve@example.test", password: "a long enough password" });
    expect(refused.success).toBe(false);
    expect(fieldErrors(refused.error!).name).toEqual(["Name must be a single line of plain text: no line breaks, tabs or control characters"]);
  });
});
