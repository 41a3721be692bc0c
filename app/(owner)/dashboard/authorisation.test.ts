import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { bookings, deliveries, outbox, ownerNotifications } from "@/db/schema";
import { bookAt, snapshotBookingData } from "@/lib/dashboard/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";

// Every owner action and page of the dashboard, driven as Next.js would call it, by the owner,
// by another signed-in owner and by nobody: the others are refused (sign-in redirect, not found)
// and not one row changes. The session is not forged: requireOwner is replaced, as in the stream
// route's test; everything after it — zod, the owner-scoped SQL — is the real code on a real database.

// Booked within the booking horizon of these dates (no salon opens more than 730 days ahead);
// still in the real clock's future, which the owner actions read.
const BOOKED_BEFORE = new Date("2030-06-01T00:00:00Z");

const h = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  class NotFound extends Error {}
  return { Redirected, NotFound, requireOwner: vi.fn(), revalidatePath: vi.fn(), db: undefined as unknown };
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
    throw new h.NotFound();
  },
  useRouter: () => ({ refresh() {} }),
  usePathname: () => "/dashboard",
}));

const { cancelBookingAction, markOutcomeAction } = await import("./bookings/[bookingId]/actions");
const { retryDeliveryAction } = await import("./health/actions");
const { markNotificationsReadAction } = await import("./actions");
const { default: DashboardPage } = await import("./page");
const { default: BookingDetailsPage } = await import("./bookings/[bookingId]/page");
const { default: DeliveryHealthPage } = await import("./health/page");

let db: TestDatabase;
let ava: SalonFixture;
let marcus: SalonFixture;
const idle = { status: "idle" as const };
const asOwner = (f: SalonFixture) => ({ id: f.owner.id, email: f.owner.email, name: f.owner.name });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

/** Runs fn; returns where it redirected, "not_found", or what it returned. */
async function outcome<T>(fn: () => Promise<T>): Promise<{ redirect: string } | "not_found" | { returned: T }> {
  try {
    return { returned: await fn() };
  } catch (error) {
    if (error instanceof h.Redirected) return { redirect: error.url };
    if (error instanceof h.NotFound) return "not_found";
    throw error;
  }
}

/** The callers who must be refused: another signed-in owner, and nobody. */
const strangers = () => [
  { who: "another owner", session: asOwner(marcus) },
  { who: "nobody", session: null },
];

function expectRefused(who: string, result: Awaited<ReturnType<typeof outcome>>) {
  if (who === "nobody") expect(result).toEqual({ redirect: expect.stringMatching(/^\/sign-in\?callbackUrl=/) });
  else expect(result === "not_found" || (typeof result === "object" && "returned" in result)).toBe(true);
}

beforeAll(async () => {
  db = await createTestDatabase();
  h.db = db.db;
  ava = await createSalonFixture(db.db, { timeZone: "Europe/London" });
  marcus = await createSalonFixture(db.db, { timeZone: "Europe/London" });
});
afterAll(async () => {
  await db?.dispose();
});
beforeEach(() => {
  h.requireOwner.mockReset();
  h.revalidatePath.mockReset();
});

describe("cancelBookingAction", () => {
  it("is refused to another owner (not found) and to nobody (sign in), changing nothing; the owner cancels", async () => {
    const booking = await bookAt(db.db, ava, "2030-06-18T10:00:00+01:00", { now: BOOKED_BEFORE });
    const before = await snapshotBookingData(db.db);
    for (const { who, session } of strangers()) {
      h.requireOwner.mockResolvedValue(session);
      const result = await outcome(() => cancelBookingAction(idle, form({ bookingId: booking.id })));
      expectRefused(who, result);
      if (who !== "nobody") expect(result).toEqual({ returned: { status: "not_found", message: expect.any(String) } });
      expect(await snapshotBookingData(db.db), who).toEqual(before);
    }
    expect(h.revalidatePath).not.toHaveBeenCalled();

    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => cancelBookingAction(idle, form({ bookingId: "not-an-id" })))).toEqual({
      returned: { status: "invalid", message: expect.any(String) },
    });
    expect(await outcome(() => cancelBookingAction(idle, form({ bookingId: booking.id })))).toEqual({
      redirect: `/dashboard/bookings/${booking.id}?done=cancelled`,
    });
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, booking.id));
    expect(row.status).toBe("cancelled");
    expect(h.revalidatePath).toHaveBeenCalledWith("/dashboard");
  });
});

describe("markOutcomeAction", () => {
  it("is refused to another owner and to nobody, changing nothing; the owner marks a past booking", async () => {
    const past = await bookAt(db.db, ava, "2024-01-10T10:00:00Z", { now: new Date("2024-01-01T00:00:00Z") });
    const before = await snapshotBookingData(db.db);
    for (const { who, session } of strangers()) {
      for (const value of ["completed", "no_show"]) {
        h.requireOwner.mockResolvedValue(session);
        const result = await outcome(() => markOutcomeAction(idle, form({ bookingId: past.id, outcome: value })));
        expectRefused(who, result);
        if (who !== "nobody") expect(result).toEqual({ returned: { status: "not_found", message: expect.any(String) } });
      }
      expect(await snapshotBookingData(db.db), who).toEqual(before);
    }

    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => markOutcomeAction(idle, form({ bookingId: past.id, outcome: "deleted" })))).toEqual({
      returned: { status: "invalid", message: expect.any(String) },
    });
    expect(await snapshotBookingData(db.db)).toEqual(before);
    expect(await outcome(() => markOutcomeAction(idle, form({ bookingId: past.id, outcome: "no_show" })))).toEqual({
      redirect: `/dashboard/bookings/${past.id}?done=no_show`,
    });
    const [row] = await db.db.select().from(bookings).where(eq(bookings.id, past.id));
    expect(row.status).toBe("no_show");
  });
});

describe("retryDeliveryAction", () => {
  it("is refused to another owner (naming either salon) and to nobody, changing nothing; the owner retries", async () => {
    const event = await insertTestEvent(db.db, ava);
    await db.db.update(outbox).set({ status: "done", finishedAt: new Date() }).where(eq(outbox.id, event.id));
    await db.db.insert(deliveries).values({
      eventId: event.id,
      channel: "owner-email",
      aggregateId: event.aggregateId,
      salonId: ava.salon.id,
      status: "given_up",
      attempts: 1,
      failure: "permanent",
      lastError: "RCPT TO answered 550",
    });
    const before = await snapshotBookingData(db.db);
    const retry = (salonId: string, eventId = String(event.id), channel = "owner-email") => retryDeliveryAction(idle, form({ eventId, channel, salonId }));
    for (const { who, session } of strangers()) {
      for (const salonId of [ava.salon.id, marcus.salon.id]) {
        h.requireOwner.mockResolvedValue(session);
        const result = await outcome(() => retry(salonId));
        expectRefused(who, result);
        if (who !== "nobody") expect(result).toEqual({ returned: { status: "not_found", message: expect.any(String) } });
      }
      expect(await snapshotBookingData(db.db), who).toEqual(before);
    }

    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => retry(ava.salon.id, "1 or 1=1"))).toEqual({ returned: { status: "invalid", message: expect.any(String) } });
    expect(await outcome(() => retry(ava.salon.id, String(event.id), "carrier-pigeon"))).toEqual({ returned: { status: "invalid", message: expect.any(String) } });
    // A channel that did not give up is not retried.
    expect(await outcome(() => retry(ava.salon.id, String(event.id), "dashboard"))).toEqual({ returned: { status: "not_found", message: expect.any(String) } });
    expect(await outcome(() => retry(ava.salon.id))).toEqual({
      redirect: `/dashboard/health?salon=${ava.salon.id}&retried=${event.id}-owner-email`,
    });
    const [row] = await db.db.select().from(outbox).where(eq(outbox.id, event.id));
    expect(row).toMatchObject({ status: "delivering", openDeliveries: 1 });
    const [delivery] = await db.db.select().from(deliveries).where(eq(deliveries.eventId, event.id));
    expect(delivery).toMatchObject({ status: "pending", attempts: 0 });
  });
});

describe("markNotificationsReadAction", () => {
  it("marks nothing for nobody, and nothing of Ava's for another owner", async () => {
    const event = await insertTestEvent(db.db, ava);
    await db.db.insert(ownerNotifications).values({
      eventId: event.id,
      ownerId: ava.owner.id,
      salonId: ava.salon.id,
      bookingId: event.aggregateId,
      eventType: event.eventType,
      payload: event.payload,
    });
    h.requireOwner.mockResolvedValue(null);
    expect(await markNotificationsReadAction(event.id)).toEqual({ status: "unauthorized" });
    h.requireOwner.mockResolvedValue(asOwner(marcus));
    expect(await markNotificationsReadAction(event.id)).toEqual({ status: "ok", marked: 0 });
    const [row] = await db.db.select().from(ownerNotifications).where(eq(ownerNotifications.eventId, event.id));
    expect(row.readAt).toBeNull();
  });
});

describe("owner pages", () => {
  it("the dashboard: nobody is sent to sign in; another owner's salon id is not found; the owner's renders", async () => {
    const props = { searchParams: Promise.resolve({ salon: ava.salon.id }) };
    h.requireOwner.mockResolvedValue(null);
    expect(await outcome(() => DashboardPage(props))).toEqual({ redirect: "/sign-in?callbackUrl=/dashboard" });
    h.requireOwner.mockResolvedValue(asOwner(marcus));
    expect(await outcome(() => DashboardPage({ searchParams: Promise.resolve({ salon: ava.salon.id }) }))).toBe("not_found");
    expect(await outcome(() => DashboardPage({ searchParams: Promise.resolve({ salon: "x' or 1=1" }) }))).toBe("not_found");
    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => DashboardPage({ searchParams: Promise.resolve({ salon: ava.salon.id, view: "week" }) }))).toHaveProperty("returned");
  });

  it("a booking's page: nobody is sent to sign in; another owner gets not found", async () => {
    const booking = await bookAt(db.db, ava, "2030-06-18T11:00:00+01:00", { now: BOOKED_BEFORE });
    const props = () => ({ params: Promise.resolve({ bookingId: booking.id }), searchParams: Promise.resolve({}) });
    h.requireOwner.mockResolvedValue(null);
    expect(await outcome(() => BookingDetailsPage(props()))).toEqual({ redirect: "/sign-in?callbackUrl=/dashboard" });
    h.requireOwner.mockResolvedValue(asOwner(marcus));
    expect(await outcome(() => BookingDetailsPage(props()))).toBe("not_found");
    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => BookingDetailsPage(props()))).toHaveProperty("returned");
  });

  it("delivery health: nobody is sent to sign in; another owner's salon id is not found", async () => {
    const props = () => ({ searchParams: Promise.resolve({ salon: ava.salon.id }) });
    h.requireOwner.mockResolvedValue(null);
    expect(await outcome(() => DeliveryHealthPage(props()))).toEqual({ redirect: "/sign-in?callbackUrl=/dashboard/health" });
    h.requireOwner.mockResolvedValue(asOwner(marcus));
    expect(await outcome(() => DeliveryHealthPage(props()))).toBe("not_found");
    h.requireOwner.mockResolvedValue(asOwner(ava));
    expect(await outcome(() => DeliveryHealthPage(props()))).toHaveProperty("returned");
  });
});
