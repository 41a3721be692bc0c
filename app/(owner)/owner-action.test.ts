import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";

// The owner door itself: each step in its order, and the work reached only past all of them, with
// the owner's scope as its actor.

const h = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { Redirected, requireOwner: vi.fn(), requireOwnerSession: vi.fn(), revalidatePath: vi.fn(), db: undefined as unknown };
});
vi.mock("@/auth", () => ({ requireOwner: () => h.requireOwner(), requireOwnerSession: () => h.requireOwnerSession() }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => h.db }));
vi.mock("next/cache", () => ({ revalidatePath: h.revalidatePath }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new h.Redirected(url);
  },
}));

const { finished, ownerAction } = await import("./owner-action");

let db: TestDatabase;
let ava: SalonFixture;
let marcus: SalonFixture;
const asOwner = (f: SalonFixture) => ({ id: f.owner.id, email: f.owner.email, name: f.owner.name });

beforeAll(async () => {
  db = await createTestDatabase();
  h.db = db.db;
  ava = await createSalonFixture(db.db);
  marcus = await createSalonFixture(db.db);
});
afterAll(async () => {
  await db?.dispose();
});
beforeEach(() => {
  vi.clearAllMocks();
});

function door(work = vi.fn(async () => "done" as string | ReturnType<typeof finished>)) {
  const action = ownerAction(
    {
      action: "test",
      schema: z.object({ salonId: z.string().uuid(), n: z.coerce.number().int().max(10) }),
      signedOut: () => "signed out",
      invalid: (errors) => `invalid ${Object.keys(errors).join(",")}`,
      notFound: () => "not found",
      failed: () => "failed",
      salonOf: (input) => input.salonId,
    },
    work,
  );
  return { action, work };
}

describe("ownerAction", () => {
  it("refuses nobody, bad input and another owner's salon before any work", async () => {
    const { action, work } = door();
    h.requireOwner.mockResolvedValue(null);
    expect(await action({ salonId: ava.salon.id, n: 1 })).toBe("signed out");
    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await action({ salonId: "nope", n: 99 })).toBe("invalid salonId,n");
    expect(await action("not even an object")).toBe("invalid _");
    h.requireOwner.mockResolvedValue(asOwner(marcus));
    expect(await action({ salonId: ava.salon.id, n: 1 })).toBe("not found");
    expect(work).not.toHaveBeenCalled();
  });

  it("hands the work the parsed input and the owner's scope as actor; a failure is logged and answered, never thrown", async () => {
    const { action, work } = door();
    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await action({ salonId: ava.salon.id, n: "3" })).toBe("done");
    expect(work).toHaveBeenCalledWith(
      expect.objectContaining({ input: { salonId: ava.salon.id, n: 3 }, actor: { by: "owner", ownerId: ava.owner.id, salonIds: [ava.salon.id] } }),
    );
    const broken = door(vi.fn(async () => {
      throw new Error("database on fire");
    }));
    expect(await broken.action({ salonId: ava.salon.id, n: 1 })).toBe("failed");
  });

  it("revalidates and then redirects, outside the work's try, when the work has finished", async () => {
    const { action } = door(vi.fn(async () => finished("/somewhere", "/dashboard", { layout: "/salons/x/settings" })));
    h.requireOwner.mockResolvedValue(asOwner(ava));
    await expect(action({ salonId: ava.salon.id, n: 1 })).rejects.toMatchObject({ url: "/somewhere" });
    expect(h.revalidatePath.mock.calls).toEqual([["/dashboard"], ["/salons/x/settings", "layout"]]);
  });
});
