import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { getSalonHours, getStylistSettings } from "@/lib/salons/settings";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";

// The opening every settings page goes through: signed out goes to sign-in and back to this very
// page, another owner's salon is a 404 like one that does not exist, and only then are the settings read.

const h = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  class NotFound extends Error {}
  return { Redirected, NotFound, requireOwner: vi.fn(), db: undefined as unknown };
});
vi.mock("@/auth", () => ({ requireOwner: () => h.requireOwner() }));
vi.mock("@/db/client", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/db/client")>()), getDb: async () => h.db }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new h.Redirected(url);
  },
  notFound: () => {
    throw new h.NotFound();
  },
}));

const { openSettingsPage } = await import("./settings-page");

let db: TestDatabase;
let ava: SalonFixture;
let marcus: SalonFixture;
const asOwner = (f: SalonFixture) => ({ id: f.owner.id, email: f.owner.email, name: f.owner.name });
const props = <P extends { salonId: string }>(params: P, query: Record<string, string | string[] | undefined> = {}) => ({
  params: Promise.resolve(params),
  searchParams: Promise.resolve(query),
});

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

describe("openSettingsPage", () => {
  it("sends a signed-out visitor to sign in and back to this page, reading nothing", async () => {
    h.requireOwner.mockResolvedValue(null);
    const load = vi.fn();
    const ids = { salonId: ava.salon.id, stylistId: ava.stylists[0].id };

    const opening = openSettingsPage(props(ids), ({ stylistId }) => `/stylists/${stylistId}`, load);

    await expect(opening).rejects.toMatchObject({
      url: `/sign-in?callbackUrl=${encodeURIComponent(`/salons/${ava.salon.id}/settings/stylists/${ava.stylists[0].id}`)}`,
    });
    expect(load).not.toHaveBeenCalled();
  });

  it("answers another owner's salon with a 404", async () => {
    h.requireOwner.mockResolvedValue(asOwner(ava));

    const opening = openSettingsPage(props({ salonId: marcus.salon.id }), () => "/hours", (db, ownerId, { salonId }) => getSalonHours(db, ownerId, salonId));

    await expect(opening).rejects.toBeInstanceOf(h.NotFound);
  });

  it("gives the owner's own page its settings, its path and the saved code", async () => {
    h.requireOwner.mockResolvedValue(asOwner(ava));
    const ids = { salonId: ava.salon.id, stylistId: ava.stylists[0].id };

    const opened = await openSettingsPage(
      props(ids, { saved: "hours", day: "3" }),
      ({ stylistId }) => `/stylists/${stylistId}`,
      (db, ownerId, q) => getStylistSettings(db, ownerId, q),
    );

    expect(opened).toMatchObject({
      params: ids,
      query: { saved: "hours", day: "3" },
      saved: "hours",
      here: `/salons/${ava.salon.id}/settings/stylists/${ava.stylists[0].id}`,
      settings: { salon: { id: ava.salon.id }, stylist: { id: ava.stylists[0].id } },
    });
  });
});
