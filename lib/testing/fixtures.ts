import { randomBytes } from "node:crypto";
import type { Database } from "@/db/client";
import { owners, salonHours, salons, services, stylistOwnDays, stylists, timeOff, workingHours } from "@/db/schema";

export interface SalonFixtureOptions {
  timeZone?: string;
  bufferMinutes?: number;
  minNoticeMinutes?: number;
  cancellationCutoffMinutes?: number;
  /** Default 730 (the most allowed), so tests can book the far-off dates they pin; horizon tests set their own. */
  bookingHorizonDays?: number;
  services?: { name: string; durationMinutes: number; priceCents?: number }[];
  stylists?: number;
  /** Working stretches per weekday (1–7) in salon-local HH:MM; default Mon–Sun 09:00–12:00, 13:00–17:00. */
  hours?: { weekday: number; startTime: string; endTime: string }[];
  /**
   * The weekdays every stylist sets themselves (default all seven, so `hours` alone is their week);
   * on the others they follow `salonHours`. Each of `hours` must fall on one of these days.
   */
  ownDays?: number[];
  /** The salon's opening stretches per weekday; default none. */
  salonHours?: { weekday: number; startTime: string; endTime: string }[];
  /** Whole days off for the first stylist, YYYY-MM-DD. */
  daysOff?: string[];
  /** Default true: the salon is published (open to customers). */
  published?: boolean;
  /** Reminder offsets in minutes; default the salon's default (one, the day before). */
  reminderOffsetsMinutes?: number[];
  /** The day sheet's local time ("07:00"), or null for none; default the salon's default. */
  daySheetTime?: string | null;
}

export type SalonFixture = Awaited<ReturnType<typeof createSalonFixture>>;

/** A fresh owner and salon with its own services, stylists and hours; nothing shared with other tests. */
export async function createSalonFixture(db: Database, options: SalonFixtureOptions = {}) {
  const suffix = randomBytes(4).toString("hex");
  const [owner] = await db
    .insert(owners)
    .values({ email: `owner-${suffix}@example.test`, name: `Owner ${suffix}`, passwordHash: "x" })
    .returning();
  const [salon] = await db
    .insert(salons)
    .values({
      ownerId: owner.id,
      slug: `salon-${suffix}`,
      name: `Salon ${suffix}`,
      timeZone: options.timeZone ?? "Europe/London",
      address: "1 Test Street",
      bufferMinutes: options.bufferMinutes ?? 0,
      minNoticeMinutes: options.minNoticeMinutes ?? 0,
      cancellationCutoffMinutes: options.cancellationCutoffMinutes ?? 0,
      bookingHorizonDays: options.bookingHorizonDays ?? 730,
      // Open to customers unless a test is about the unpublished state.
      publishedAt: options.published === false ? null : new Date("2020-01-01T00:00:00Z"),
      ...(options.reminderOffsetsMinutes ? { reminderOffsetsMinutes: options.reminderOffsetsMinutes } : {}),
      ...(options.daySheetTime !== undefined ? { daySheetTime: options.daySheetTime } : {}),
    })
    .returning();
  const serviceRows = await db
    .insert(services)
    .values(
      (options.services ?? [{ name: "Cut", durationMinutes: 30 }, { name: "Colour", durationMinutes: 60 }]).map(
        (s) => ({ salonId: salon.id, name: s.name, durationMinutes: s.durationMinutes, priceCents: s.priceCents ?? 1000 }),
      ),
    )
    .returning();
  const stylistRows = await db
    .insert(stylists)
    .values(Array.from({ length: options.stylists ?? 2 }, (_, i) => ({ salonId: salon.id, name: `Stylist ${i + 1}` })))
    .returning();
  const hours =
    options.hours ??
    [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
      { weekday, startTime: "09:00", endTime: "12:00" },
      { weekday, startTime: "13:00", endTime: "17:00" },
    ]);
  const ownDays = options.ownDays ?? [1, 2, 3, 4, 5, 6, 7];
  if (options.salonHours?.length) await db.insert(salonHours).values(options.salonHours.map((h) => ({ ...h, salonId: salon.id })));
  for (const stylist of stylistRows) {
    if (ownDays.length > 0) await db.insert(stylistOwnDays).values(ownDays.map((weekday) => ({ stylistId: stylist.id, weekday })));
    if (hours.length > 0) await db.insert(workingHours).values(hours.map((h) => ({ ...h, stylistId: stylist.id })));
  }
  for (const day of options.daysOff ?? []) {
    await db.insert(timeOff).values({ stylistId: stylistRows[0].id, startDate: day, endDate: day });
  }
  return { owner, salon, services: serviceRows, stylists: stylistRows };
}
