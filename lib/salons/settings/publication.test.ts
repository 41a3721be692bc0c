import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bookings, salons, services, stylists, workingHours } from "@/db/schema";
import { respondCreateBooking } from "@/lib/api/bookings";
import { respondAvailability, respondSalon, respondSalonList } from "@/lib/api/salons";
import { NEW_CUSTOMER } from "@/lib/booking/actor";
import { cancelBookingByToken } from "@/lib/booking/cancel-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { getManagedBooking } from "@/lib/booking/manage-booking";
import { rescheduleBookingByToken } from "@/lib/booking/reschedule-booking";
import { getSalonBySlug, listSalons } from "@/lib/salons";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createSalon, getSalonReadiness, listOwnedSalonStates, publishSalon, unpublishSalon } from "./index";

// An unpublished salon is the owner's alone: customers neither list, open, query nor book it,
// while the owner's own bookings (the owner actor) still fill its calendar.

const NOW = new Date("2027-03-01T08:00:00Z");
const START = "2027-03-10T10:00:00.000Z"; // a Wednesday, inside the fixture's 09:00–12:00

let t: TestDatabase;
let draft: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  draft = await createSalonFixture(t.db, { published: false });
});
afterAll(async () => {
  await t.dispose();
});

const bookingBody = (fixture: SalonFixture) => ({
  salon: fixture.salon.slug,
  serviceId: fixture.services[0].id,
  stylistId: fixture.stylists[0].id,
  start: START,
  customer: { name: "Ada", email: "ada@example.test" },
});

describe("an unpublished salon, to customers", () => {
  it("is not listed, has no page data, and its API answers 404", async () => {
    expect((await listSalons(t.db)).map((s) => s.slug)).not.toContain(draft.salon.slug);
    expect(await getSalonBySlug(t.db, draft.salon.slug)).toBeNull();
    const list = (await (await respondSalonList(t.db)).json()) as { slug: string }[];
    expect(list.map((s) => s.slug)).not.toContain(draft.salon.slug);
    expect((await respondSalon(t.db, draft.salon.slug)).status).toBe(404);
    const availability = await respondAvailability(
      t.db,
      draft.salon.slug,
      new URLSearchParams({ serviceId: draft.services[0].id, from: "2027-03-10" }),
      { now: NOW },
    );
    expect(availability.status).toBe(404);
  });

  it("refuses a booking through the API and the customer path, and writes nothing", async () => {
    const response = await respondCreateBooking(
      t.db,
      new Request("http://test/api/v1/bookings", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify(bookingBody(draft)),
      }),
      { now: NOW },
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "invalid", fieldErrors: { salon: ["Unknown salon"] } });
    const viaCore = await createBooking(t.db, bookingBody(draft), { actor: NEW_CUSTOMER, idempotencyKey: randomUUID(), now: NOW });
    expect(viaCore).toEqual({ status: "invalid", fieldErrors: { salon: ["Unknown salon"] } });
    expect(await t.db.select().from(bookings).where(eq(bookings.salonId, draft.salon.id))).toEqual([]);
  });

  it("still takes the owner's own booking (the core without the customer's check)", async () => {
    const owners = await createSalonFixture(t.db, { published: false });
    const actor = { by: "owner" as const, ownerId: owners.owner.id, salonIds: [owners.salon.id] };
    const result = await createBooking(t.db, bookingBody(owners), { actor, idempotencyKey: randomUUID(), now: NOW });
    expect(result.status).toBe("created");
  });

  it("opens to customers once published", async () => {
    const fixture = await createSalonFixture(t.db, { published: false });
    expect((await publishSalon(t.db, fixture.owner.id, { salonId: fixture.salon.id }, { now: NOW })).status).toBe("ok");
    expect((await getSalonBySlug(t.db, fixture.salon.slug))?.id).toBe(fixture.salon.id);
    const result = await createBooking(t.db, bookingBody(fixture), { actor: NEW_CUSTOMER, idempotencyKey: randomUUID(), now: NOW });
    expect(result.status).toBe("created");
  });
});

describe("publishing", () => {
  const details = (slug: string) => ({
    name: "Fresh Salon",
    slug,
    timeZone: "Europe/London",
    address: "",
    bufferMinutes: "0",
    minNoticeMinutes: "0",
    cancellationCutoffMinutes: "0",
  });

  it("a new salon starts unpublished and lists what it lacks; publishing is refused until nothing is missing", async () => {
    const created = await createSalon(t.db, draft.owner.id, details(`fresh-${randomUUID().slice(0, 8)}`));
    const salonId = (created as { salonId: string }).salonId;
    expect(await getSalonReadiness(t.db, draft.owner.id, salonId)).toEqual({ publishedAt: null, missing: ["service", "stylist", "hours"] });
    expect(await publishSalon(t.db, draft.owner.id, { salonId }, { now: NOW })).toEqual({
      status: "invalid",
      fieldErrors: { publish: ["Add at least one service", "Add at least one stylist", "Set opening hours for a stylist"] },
    });

    await t.db.insert(services).values({ salonId, name: "Cut", durationMinutes: 30, priceCents: 0 });
    const [stylist] = await t.db.insert(stylists).values({ salonId, name: "Sam" }).returning();
    expect((await getSalonReadiness(t.db, draft.owner.id, salonId))?.missing).toEqual(["hours"]);
    expect((await publishSalon(t.db, draft.owner.id, { salonId }, { now: NOW })).status).toBe("invalid");
    await t.db.insert(workingHours).values({ stylistId: stylist.id, weekday: 3, startTime: "09:00", endTime: "17:00" });

    expect(await publishSalon(t.db, draft.owner.id, { salonId }, { now: NOW })).toEqual({ status: "ok", salonId });
    expect(await getSalonReadiness(t.db, draft.owner.id, salonId)).toEqual({ publishedAt: NOW, missing: [] });
    // Publishing again keeps the first publication time.
    await publishSalon(t.db, draft.owner.id, { salonId }, { now: new Date("2028-01-01T00:00:00Z") });
    const [row] = await t.db.select({ publishedAt: salons.publishedAt }).from(salons).where(eq(salons.id, salonId));
    expect(row.publishedAt).toEqual(NOW);
  });

  it("shows the readiness of a salon to its owner only", async () => {
    const other = await createSalonFixture(t.db);
    expect(await getSalonReadiness(t.db, other.owner.id, draft.salon.id)).toBeNull();
    expect(await getSalonReadiness(t.db, null, draft.salon.id)).toBeNull();
    expect(await getSalonReadiness(t.db, draft.owner.id, "not-a-uuid")).toBeNull();
  });
});

describe("unpublishing", () => {
  it("hides the salon from customers again, and keeps its bookings reachable through their manage links", async () => {
    const fixture = await createSalonFixture(t.db);
    const made = await createBooking(t.db, bookingBody(fixture), { actor: NEW_CUSTOMER, idempotencyKey: randomUUID(), now: NOW });
    const kept = await createBooking(
      t.db,
      { ...bookingBody(fixture), start: "2027-03-10T11:00:00.000Z" },
      { actor: NEW_CUSTOMER, idempotencyKey: randomUUID(), now: NOW },
    );
    if (made.status !== "created" || kept.status !== "created") throw new Error("expected two bookings");

    expect(await unpublishSalon(t.db, fixture.owner.id, { salonId: fixture.salon.id })).toEqual({ status: "ok", salonId: fixture.salon.id });
    expect((await getSalonReadiness(t.db, fixture.owner.id, fixture.salon.id))?.publishedAt).toBeNull();
    expect(await getSalonBySlug(t.db, fixture.salon.slug)).toBeNull();
    expect((await respondSalon(t.db, fixture.salon.slug)).status).toBe(404);
    const refused = await createBooking(t.db, { ...bookingBody(fixture), start: "2027-03-10T09:00:00.000Z" }, { actor: NEW_CUSTOMER, idempotencyKey: randomUUID(), now: NOW });
    expect(refused).toEqual({ status: "invalid", fieldErrors: { salon: ["Unknown salon"] } });

    // The bookings stay, and their customers can still see, move and cancel them.
    expect((await getManagedBooking(t.db, made.booking.manageToken, NOW))?.id).toBe(made.booking.id);
    const moved = await rescheduleBookingByToken(t.db, made.booking.manageToken, { start: "2027-03-10T09:30:00.000Z" }, { now: NOW });
    expect(moved.status).toBe("rescheduled");
    expect((await cancelBookingByToken(t.db, kept.booking.manageToken, { now: NOW })).status).toBe("cancelled");
    const rows = await t.db.select({ id: bookings.id, status: bookings.status }).from(bookings).where(eq(bookings.salonId, fixture.salon.id));
    expect(rows).toHaveLength(2);
  });

  it("of an unpublished salon changes nothing", async () => {
    const fixture = await createSalonFixture(t.db, { published: false });
    expect((await unpublishSalon(t.db, fixture.owner.id, { salonId: fixture.salon.id })).status).toBe("ok");
    expect((await getSalonReadiness(t.db, fixture.owner.id, fixture.salon.id))?.publishedAt).toBeNull();
  });
});

describe("the owner's list of salons", () => {
  it("says of each whether it is published and what it still lacks, for its owner only", async () => {
    const fixture = await createSalonFixture(t.db);
    const created = await createSalon(t.db, fixture.owner.id, {
      name: "Second",
      slug: `second-${randomUUID().slice(0, 8)}`,
      timeZone: "Europe/London",
      address: "",
      bufferMinutes: "0",
      minNoticeMinutes: "0",
      cancellationCutoffMinutes: "0",
    });
    const secondId = (created as { salonId: string }).salonId;
    const states = await listOwnedSalonStates(t.db, fixture.owner.id);
    expect(states.map((s) => [s.id, s.published, s.missing])).toEqual(
      expect.arrayContaining([
        [fixture.salon.id, true, []],
        [secondId, false, ["service", "stylist", "hours"]],
      ]),
    );
    expect(states).toHaveLength(2);
    expect(await listOwnedSalonStates(t.db, null)).toEqual([]);
  });
});
