import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { owners, ownerSessions } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { NO_LIMITS } from "@/lib/testing/hostile";
import { authenticateOwner } from "./authenticate";
import { changeOwnerPassword } from "./change-password";
import { hashPassword } from "./password";
import { endOwnerSession, findSessionOwner, SESSION_MAX_AGE_MS, startOwnerSession } from "./sessions";

// Issue 13, finding 8: sign-out did not end a session; a copied cookie kept working for up to 7
// days. A session is now a row that requireOwner() checks on every owner request (auth.ts): its id
// travels in the JWT, and signing out or changing the password deletes rows.

let db: TestDatabase;
let ownerId: string;
let otherOwnerId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  const [a, b] = await db.db
    .insert(owners)
    .values([
      { email: "session-owner@example.test", name: "Session Owner", passwordHash: await hashPassword("old password 123") },
      { email: "other-owner@example.test", name: "Other Owner", passwordHash: "x" },
    ])
    .returning({ id: owners.id });
  ownerId = a.id;
  otherOwnerId = b.id;
});
afterAll(async () => {
  await db?.dispose();
});

describe("owner sessions", () => {
  it("a signed-out session's id opens nothing any more", async () => {
    const sid = await startOwnerSession(db.db, ownerId);
    expect(await findSessionOwner(db.db, ownerId, sid)).toMatchObject({ id: ownerId, email: "session-owner@example.test" });
    await endOwnerSession(db.db, sid);
    expect(await findSessionOwner(db.db, ownerId, sid)).toBeNull();
  });

  it("a session belongs to its owner, and ends 30 days after sign-in however it is used", async () => {
    const sid = await startOwnerSession(db.db, ownerId);
    expect(await findSessionOwner(db.db, otherOwnerId, sid)).toBeNull();
    const later = new Date(Date.now() + SESSION_MAX_AGE_MS + 60_000);
    expect(await findSessionOwner(db.db, ownerId, sid, later)).toBeNull();
    expect(await findSessionOwner(db.db, ownerId, "not-a-uuid")).toBeNull();
  });

  it("a password change ends every other session of the owner, keeps the one that made it, and the new password works", async () => {
    const here = await startOwnerSession(db.db, ownerId);
    const laptop = await startOwnerSession(db.db, ownerId);
    const stolen = await startOwnerSession(db.db, ownerId);
    const theirs = await startOwnerSession(db.db, otherOwnerId);

    const wrong = await changeOwnerPassword(db.db, { ownerId, sessionId: here }, { currentPassword: "guess", newPassword: "new password 456" }, { rules: NO_LIMITS });
    expect(wrong).toEqual({ status: "wrong_password" });
    expect(await findSessionOwner(db.db, ownerId, stolen)).not.toBeNull();

    const short = await changeOwnerPassword(db.db, { ownerId, sessionId: here }, { currentPassword: "old password 123", newPassword: "short" }, { rules: NO_LIMITS });
    expect(short.status).toBe("invalid");

    const ok = await changeOwnerPassword(db.db, { ownerId, sessionId: here }, { currentPassword: "old password 123", newPassword: "new password 456" }, { rules: NO_LIMITS });
    expect(ok).toEqual({ status: "ok" });
    expect(await findSessionOwner(db.db, ownerId, here)).not.toBeNull();
    expect(await findSessionOwner(db.db, ownerId, laptop)).toBeNull();
    expect(await findSessionOwner(db.db, ownerId, stolen)).toBeNull();
    expect(await findSessionOwner(db.db, otherOwnerId, theirs)).not.toBeNull();

    const email = "session-owner@example.test";
    expect((await authenticateOwner(db.db, { email, password: "old password 123" }, { rules: NO_LIMITS })).status).toBe("invalid");
    expect((await authenticateOwner(db.db, { email, password: "new password 456" }, { rules: NO_LIMITS })).status).toBe("ok");
  });

  it("a deleted owner's sessions go with the account", async () => {
    const [gone] = await db.db.insert(owners).values({ email: "gone@example.test", name: "Gone", passwordHash: "x" }).returning({ id: owners.id });
    const sid = await startOwnerSession(db.db, gone.id);
    await db.db.delete(owners).where(eq(owners.id, gone.id));
    expect(await db.db.select().from(ownerSessions).where(eq(ownerSessions.id, sid))).toEqual([]);
  });
});
