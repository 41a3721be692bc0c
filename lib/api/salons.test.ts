import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { salons, services, stylists } from "@/db/schema";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { respondCreateBooking } from "./bookings";
import { respondAvailability, respondSalon, respondSalonList } from "./salons";

// The read side of /api/v1 through its framework-free handlers, on a real database.
// 2027-03-10 is a Wednesday; London is on GMT, New York on EST (DST starts 14 March).
const NOW = new Date("2027-03-01T08:00:00Z");

let t: TestDatabase;
let london: SalonFixture;
let newYork: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  london = await createSalonFixture(t.db, { services: [{ name: "Cut", durationMinutes: 60, priceCents: 4500 }, { name: "Old", durationMinutes: 30 }] });
  newYork = await createSalonFixture(t.db, { timeZone: "America/New_York" });
  await t.db
    .update(salons)
    .set({ contactPhone: "+1 212 555 0142", country: "US", currency: "USD", locale: "en-US" })
    .where(eq(salons.id, newYork.salon.id));
  // Retired rows stay in the database but must not be offered.
  await t.db.update(services).set({ active: false }).where(eq(services.id, london.services[1].id));
  await t.db.update(stylists).set({ active: false }).where(eq(stylists.id, london.stylists[1].id));
});
afterAll(async () => {
  await t.dispose();
});

const json = async (response: Response) => ({ status: response.status, body: (await response.json()) as any });
const availability = (slug: string, query: Record<string, string>) =>
  respondAvailability(t.db, slug, new URLSearchParams(query), { now: NOW }).then(json);

describe("GET /api/v1/salons", () => {
  it("lists every salon with slug, name and time zone only", async () => {
    const { status, body } = await json(await respondSalonList(t.db));
    expect(status).toBe(200);
    expect(body).toContainEqual({ slug: london.salon.slug, name: london.salon.name, timeZone: "Europe/London" });
    expect(body).toContainEqual({ slug: newYork.salon.slug, name: newYork.salon.name, timeZone: "America/New_York" });
    for (const salon of body) expect(Object.keys(salon).sort()).toEqual(["name", "slug", "timeZone"]);
  });
});

describe("GET /api/v1/salons/{slug}", () => {
  it("answers the salon with its own active services and stylists", async () => {
    const { status, body } = await json(await respondSalon(t.db, london.salon.slug));
    expect(status).toBe(200);
    expect(body).toEqual({
      slug: london.salon.slug,
      name: london.salon.name,
      timeZone: "Europe/London",
      contactPhone: "",
      country: "GB",
      currency: "GBP",
      locale: "en-GB",
      services: [{ id: london.services[0].id, name: "Cut", durationMinutes: 60, priceCents: 4500 }],
      stylists: [{ id: london.stylists[0].id, name: "Stylist 1" }],
    });
  });

  it("answers the salon's contact phone, country, currency and locale as its owner set them", async () => {
    const { status, body } = await json(await respondSalon(t.db, newYork.salon.slug));
    expect(status).toBe(200);
    expect(body).toMatchObject({ contactPhone: "+1 212 555 0142", country: "US", currency: "USD", locale: "en-US" });
  });

  it("answers 404 for an unpublished salon, its contact details included", async () => {
    const hidden = await createSalonFixture(t.db, { published: false });
    await t.db.update(salons).set({ contactPhone: "+44 20 7946 0000" }).where(eq(salons.id, hidden.salon.id));
    expect(await json(await respondSalon(t.db, hidden.salon.slug))).toEqual({ status: 404, body: { error: "not_found" } });
  });

  it("answers 404 not_found for an unknown or malformed slug", async () => {
    expect(await json(await respondSalon(t.db, "no-such-salon"))).toEqual({ status: 404, body: { error: "not_found" } });
    expect((await respondSalon(t.db, "../../etc/passwd")).status).toBe(404);
  });
});

describe("GET /api/v1/salons/{slug}/availability", () => {
  it("lists the day's slots in UTC with the salon-local start and the free stylists", async () => {
    const { status, body } = await availability(newYork.salon.slug, { serviceId: newYork.services[0].id, from: "2027-03-10" });
    expect(status).toBe(200);
    expect(body.timeZone).toBe("America/New_York");
    // 09:00 EST is 14:00 UTC; the fixture's 30-minute cut fits 09:00–11:30 and 13:00–16:30.
    expect(body.slots[0]).toEqual({
      start: "2027-03-10T14:00:00.000Z",
      end: "2027-03-10T14:30:00.000Z",
      local: "2027-03-10T09:00:00-05:00",
      stylistIds: expect.arrayContaining(newYork.stylists.map((s) => s.id)),
    });
    expect(body.slots.map((s: { local: string }) => s.local.slice(11, 16))).not.toContain("12:00");
  });

  it("drops a stylist from a slot once that stylist is booked there", async () => {
    const query = { serviceId: london.services[0].id, from: "2027-03-11" };
    const before = await availability(london.salon.slug, query);
    const slot = before.body.slots.find((s: { start: string }) => s.start === "2027-03-11T10:00:00.000Z");
    expect(slot.stylistIds).toEqual([london.stylists[0].id]);
    const booked = await respondCreateBooking(
      t.db,
      new Request("http://test/api/v1/bookings", {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({
          salon: london.salon.slug,
          serviceId: london.services[0].id,
          start: slot.start,
          customer: { name: "Ada", email: "ada@example.test" },
        }),
      }),
      { now: NOW },
    );
    expect(booked.status).toBe(201);
    const after = await availability(london.salon.slug, query);
    // The hour 10:00–11:00 is now taken: every slot overlapping it goes, every other slot stays.
    const overlapsBooking = (s: { start: string; end: string }) =>
      s.start < "2027-03-11T11:00:00.000Z" && s.end > "2027-03-11T10:00:00.000Z";
    expect(after.body.slots.map((s: { start: string }) => s.start)).not.toContain("2027-03-11T10:00:00.000Z");
    expect(after.body.slots).toEqual(before.body.slots.filter((s: { start: string; end: string }) => !overlapsBooking(s)));
    expect(after.body.slots.length).toBeLessThan(before.body.slots.length);
  });

  it("answers 400 with field errors for a malformed date, a missing service or a reversed range", async () => {
    const serviceId = london.services[0].id;
    for (const from of ["2027-13-01", "tomorrow", "2027-02-30", "10/03/2027"]) {
      const { status, body } = await availability(london.salon.slug, { serviceId, from });
      expect(status, from).toBe(400);
      expect(body.error).toBe("invalid");
      expect(body.fieldErrors.from, from).toBeDefined();
    }
    const missing = await availability(london.salon.slug, { from: "2027-03-10" });
    expect(missing.status).toBe(400);
    expect(missing.body.fieldErrors.serviceId).toBeDefined();
    const reversed = await availability(london.salon.slug, { serviceId, from: "2027-03-10", to: "2027-03-09" });
    expect(reversed.status).toBe(400);
    expect(reversed.body.fieldErrors.to).toBeDefined();
  });

  it("answers 400 for a service or stylist that is not this salon's", async () => {
    const foreign = await availability(london.salon.slug, { serviceId: newYork.services[0].id, from: "2027-03-10" });
    expect(foreign.status).toBe(400);
    expect(foreign.body.fieldErrors.serviceId).toBeDefined();
    const retired = await availability(london.salon.slug, { serviceId: london.services[1].id, from: "2027-03-10" });
    expect(retired.status).toBe(400);
    const stylist = await availability(london.salon.slug, {
      serviceId: london.services[0].id,
      stylistId: newYork.stylists[0].id,
      from: "2027-03-10",
    });
    expect(stylist.status).toBe(400);
    expect(stylist.body.fieldErrors.stylistId).toBeDefined();
  });

  it("answers 404 for an unknown salon", async () => {
    const { status, body } = await availability("no-such-salon", { serviceId: london.services[0].id, from: "2027-03-10" });
    expect(status).toBe(404);
    expect(body).toEqual({ error: "not_found" });
  });
});
