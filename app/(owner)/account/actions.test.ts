import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { owners } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";

// The password change through the owner door: nobody is refused, a wrong current password changes
// nothing, the owner's own change is saved and then redirected. The session is replaced, not forged.

const h = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { Redirected, requireOwnerSession: vi.fn(), db: undefined as unknown };
});
vi.mock("@/auth", () => ({ requireOwner: vi.fn(), requireOwnerSession: () => h.requireOwnerSession() }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => h.db }));
vi.mock("@/lib/http/request-context", () => ({ requestClientIp: async () => "192.0.2.7" }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new h.Redirected(url);
  },
}));

const { changePasswordAction } = await import("./actions");

let db: TestDatabase;
let ava: SalonFixture;
const idle = { status: "idle" as const };
const form = (currentPassword: string, newPassword: string) => {
  const data = new FormData();
  data.set("currentPassword", currentPassword);
  data.set("newPassword", newPassword);
  return data;
};
const hashOf = async () => (await db.db.select({ hash: owners.passwordHash }).from(owners).where(eq(owners.id, ava.owner.id)))[0].hash;

beforeAll(async () => {
  db = await createTestDatabase();
  h.db = db.db;
  ava = await createSalonFixture(db.db);
  await db.db.update(owners).set({ passwordHash: await hashPassword("the old password") }).where(eq(owners.id, ava.owner.id));
});
afterAll(async () => {
  await db?.dispose();
});
beforeEach(() => h.requireOwnerSession.mockReset());

describe("changePasswordAction", () => {
  it("refuses nobody and a wrong current password, changing nothing; the owner's change is saved", async () => {
    const before = await hashOf();
    h.requireOwnerSession.mockResolvedValue(null);
    expect(await changePasswordAction(idle, form("the old password", "a brand new password"))).toMatchObject({ status: "unauthorized" });
    h.requireOwnerSession.mockResolvedValue({ owner: { id: ava.owner.id, email: ava.owner.email, name: ava.owner.name }, sessionId: crypto.randomUUID() });
    expect(await changePasswordAction(idle, form("not it", "a brand new password"))).toMatchObject({
      status: "wrong_password",
      fieldErrors: { currentPassword: [expect.any(String)] },
    });
    expect(await hashOf()).toBe(before);

    await expect(changePasswordAction(idle, form("the old password", "a brand new password"))).rejects.toMatchObject({ url: "/account?changed=1" });
    expect(await verifyPassword(await hashOf(), "a brand new password")).toBe(true);
  });
});
