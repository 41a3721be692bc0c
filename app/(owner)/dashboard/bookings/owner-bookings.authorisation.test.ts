import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings } from "@/db/schema";
import { moveChoiceValue } from "@/lib/dashboard/owner-booking-schemas";
import { bookAt, snapshotBookingData } from "@/lib/dashboard/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";

// The owner's walk-in and move actions, driven as Next.js calls them, by the owner, another
// signed-in owner and nobody: the others are refused and not one row changes. requireOwner is
// replaced (the session is not forged); everything after it — the owner door, zod, the scoped
// booking core — is the real code on a real database.

// The actions read the real clock: days some weeks ahead of it, inside every horizon.
const dayAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const WALK_IN_DAY = dayAhead(40);
const MOVE_DAY = dayAhead(41);

const h = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { Redirected, requireOwner: vi.fn(), revalidatePath: vi.fn(), db: undefined as unknown };
});
vi.mock("@/auth", () => ({ requireOwner: () => h.requireOwner(), signIn: vi.fn(), signOut: vi.fn() }));
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => h.db,
}));
vi.mock("next/cache", () => ({ revalidatePath: h.revalidatePath }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new h.Redirected(url);
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { moveBookingAction } = await import("./[bookingId]/actions");
const { createWalkInAction } = await import("./new/actions");

let db: TestDatabase;
let ava: SalonFixture;
let marcus: SalonFixture;
const asOwner = (f: SalonFixture) => ({ id: f.owner.id, email: f.owner.email, name: f.owner.name });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const strangers = () => [
  { who: "another owner", session: asOwner(marcus) },
  { who: "nobody", session: null },
];

async function outcome<T>(fn: () => Promise<T>): Promise<{ redirect: string } | { returned: T }> {
  try {
    return { returned: await fn() };
  } catch (error) {
    if (error instanceof h.Redirected) return { redirect: error.url };
    throw error;
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
  h.db = db.db;
  // UTC, so the days ahead of the real clock are the salon's days whatever the season.
  ava = await createSalonFixture(db.db, { timeZone: "UTC" });
  marcus = await createSalonFixture(db.db, { timeZone: "UTC" });
});
afterAll(async () => {
  await db?.dispose();
});
beforeEach(() => {
  h.requireOwner.mockReset();
  h.revalidatePath.mockReset();
});

describe("createWalkInAction", () => {
  const walkIn = (overrides: Record<string, string> = {}) =>
    form({
      salonId: ava.salon.id,
      serviceId: ava.services[0].id,
      stylistId: ava.stylists[0].id,
      date: WALK_IN_DAY,
      time: "10:00",
      name: "Walk-in Wendy",
      email: "",
      phone: "",
      note: "",
      idempotencyKey: `walk-in-${Math.random().toString(36).slice(2)}`,
      ...overrides,
    });

  it("is refused to another owner and to nobody, writing nothing; refuses bad input with field errors; the owner books", async () => {
    const before = await snapshotBookingData(db.db);
    for (const { who, session } of strangers()) {
      h.requireOwner.mockResolvedValue(session);
      const result = await outcome(() => createWalkInAction({ status: "idle" }, walkIn()));
      if (who === "nobody") expect(result).toEqual({ redirect: expect.stringMatching(/^\/sign-in\?callbackUrl=/) });
      else expect(result).toEqual({ returned: expect.objectContaining({ status: "not_found" }) });
      expect(await snapshotBookingData(db.db), who).toEqual(before);
    }

    h.requireOwner.mockResolvedValue(asOwner(ava));
    const bad = await outcome(() => createWalkInAction({ status: "idle" }, walkIn({ name: "", email: "nope", time: "25:00" })));
    expect(bad).toEqual({
      returned: expect.objectContaining({
        status: "invalid",
        fieldErrors: expect.objectContaining({ name: expect.any(Array), email: expect.any(Array), time: expect.any(Array) }),
        values: expect.objectContaining({ email: "nope" }),
      }),
    });
    expect(await snapshotBookingData(db.db)).toEqual(before);
    expect(h.revalidatePath).not.toHaveBeenCalled();

    const made = await outcome(() => createWalkInAction({ status: "idle" }, walkIn()));
    expect(made).toEqual({ redirect: expect.stringMatching(/^\/dashboard\/bookings\/[0-9a-f-]{36}\?done=added$/) });
    const id = "redirect" in made ? made.redirect.split("/")[3].split("?")[0] : "";
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, id));
    expect(row).toMatchObject({ customerName: "Walk-in Wendy", customerEmail: null, salonId: ava.salon.id });
    expect(h.revalidatePath).toHaveBeenCalledWith("/dashboard");
  });
});

describe("moveBookingAction", () => {
  it("is refused to another owner and to nobody, changing nothing; the owner moves", async () => {
    const booking = await bookAt(db.db, ava, `${MOVE_DAY}T10:00:00Z`, { now: new Date() });
    const choice = moveChoiceValue(new Date(`${MOVE_DAY}T14:00:00Z`), ava.stylists[1].id);
    const before = await snapshotBookingData(db.db);
    for (const { who, session } of strangers()) {
      h.requireOwner.mockResolvedValue(session);
      const result = await outcome(() => moveBookingAction({ status: "idle" }, form({ bookingId: booking.id, choice })));
      if (who === "nobody") expect(result).toEqual({ redirect: expect.stringMatching(/^\/sign-in\?callbackUrl=/) });
      else expect(result).toEqual({ returned: { status: "not_found", message: expect.any(String) } });
      expect(await snapshotBookingData(db.db), who).toEqual(before);
    }

    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => moveBookingAction({ status: "idle" }, form({ bookingId: booking.id, choice: "soon" })))).toEqual({
      returned: { status: "invalid", message: expect.any(String) },
    });
    expect(await snapshotBookingData(db.db)).toEqual(before);
    expect(await outcome(() => moveBookingAction({ status: "idle" }, form({ bookingId: booking.id, choice })))).toEqual({
      redirect: `/dashboard/bookings/${booking.id}?done=moved`,
    });
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row).toMatchObject({ startsAt: new Date(`${MOVE_DAY}T14:00:00Z`), stylistId: ava.stylists[1].id, version: 2 });
  });
});

describe("moveBookingAction from a drag on the calendar (returnTo)", () => {
  const calendar = () => `/dashboard?salon=${ava.salon.id}&date=${MOVE_DAY}`;

  it("is refused to others as the picker is; the owner goes back to the calendar; an overlap or a made-up address is refused", async () => {
    const booking = await bookAt(db.db, ava, `${MOVE_DAY}T11:00:00Z`, { now: new Date() });
    const other = await bookAt(db.db, ava, `${MOVE_DAY}T15:00:00Z`, { now: new Date() });
    const drop = (start: string, stylistId = ava.stylists[0].id, returnTo = calendar()) =>
      form({ bookingId: booking.id, choice: moveChoiceValue(new Date(start), stylistId), returnTo });
    const before = await snapshotBookingData(db.db);
    for (const { who, session } of strangers()) {
      h.requireOwner.mockResolvedValue(session);
      const result = await outcome(() => moveBookingAction({ status: "idle" }, drop(`${MOVE_DAY}T14:00:00Z`)));
      if (who === "nobody") expect(result).toEqual({ redirect: expect.stringMatching(/^\/sign-in\?callbackUrl=/) });
      else expect(result).toEqual({ returned: { status: "not_found", message: expect.any(String) } });
      expect(await snapshotBookingData(db.db), who).toEqual(before);
    }

    h.requireOwner.mockResolvedValue(asOwner(ava));
    // Onto the other booking: the server's refusal, which the calendar shows; nothing changes.
    const overlap = await outcome(() => moveBookingAction({ status: "idle" }, drop(`${MOVE_DAY}T15:00:00Z`, other.stylistId)));
    expect(overlap).toEqual({ returned: { status: expect.stringMatching(/^(slot_taken|invalid)$/), message: expect.any(String) } });
    expect(await outcome(() => moveBookingAction({ status: "idle" }, drop(`${MOVE_DAY}T14:00:00Z`, ava.stylists[0].id, "https://evil.example/")))).toEqual({
      returned: { status: "invalid", message: expect.any(String) },
    });
    expect(await snapshotBookingData(db.db)).toEqual(before);

    expect(await outcome(() => moveBookingAction({ status: "idle" }, drop(`${MOVE_DAY}T14:00:00Z`)))).toEqual({ redirect: calendar() });
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row).toMatchObject({ startsAt: new Date(`${MOVE_DAY}T14:00:00Z`), version: 2 });
    expect(h.revalidatePath).toHaveBeenCalledWith("/dashboard");
  });
});
