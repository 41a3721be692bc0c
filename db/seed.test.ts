import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAvailableSlots } from "@/lib/availability";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { salons, services, stylists } from "./schema";
import { seedIfEmpty } from "./seed";

// The demo salons run on opening hours (Monday to Saturday, 09:00–12:30 and 13:30–18:00) with their
// second stylist's own Monday off: the week the e2e specs and the demo rely on (e2e/fixtures.ts).

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedIfEmpty(t.db);
});
afterAll(async () => {
  await t?.dispose();
});

describe("the seeded London salon", () => {
  it("offers Monday to Saturday from its opening hours, without Tom on Mondays and with nobody on Sundays", async () => {
    const [salon] = await t.db.select().from(salons).where(eq(salons.slug, "shoreditch-cuts"));
    const [service] = await t.db.select().from(services).where(eq(services.salonId, salon.id)).limit(1);
    const names = new Map((await t.db.select().from(stylists).where(eq(stylists.salonId, salon.id))).map((s) => [s.id, s.name]));
    // Two and three weeks ahead: clear of the minimum notice and the seeded day off a week ahead.
    const monday = DateTime.now().setZone(salon.timeZone).startOf("week").plus({ weeks: 2 });
    const offered = async (date: DateTime) => {
      const { slots } = await listAvailableSlots(t.db, { salonId: salon.id, serviceId: service.id, from: date.toISODate()! });
      return {
        first: slots[0]?.local.slice(11, 16),
        last: slots.at(-1)?.local.slice(11, 16),
        stylists: [...new Set(slots.flatMap((s) => s.stylistIds.map((id) => names.get(id))))].sort(),
      };
    };
    const lastStart = DateTime.fromISO("18:00").minus({ minutes: service.durationMinutes }).toFormat("HH:mm");

    expect(await offered(monday)).toEqual({ first: "09:00", last: lastStart, stylists: ["Isla", "Priya"] });
    expect(await offered(monday.plus({ days: 5 }))).toEqual({ first: "09:00", last: lastStart, stylists: ["Isla", "Priya", "Tom"] });
    expect(await offered(monday.plus({ days: 6 }))).toEqual({ first: undefined, last: undefined, stylists: [] });
  });
});
