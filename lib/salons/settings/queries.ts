import { asc, desc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { services, stylistOwnDays, stylists, timeOff, workingHours } from "@/db/schema";
import type { OwnedSalon } from "@/lib/dashboard/owner-scope";
import { findOwnedSalon, findOwnedStylist, type OwnerId } from "./owned";
import { salonStretches } from "./weeks";

// What the settings pages show. Each read starts from a row proven to be the caller's, so another
// owner's salon, stylist or service reads as null.

/** One of the caller's salons as lists and headings show it (the dashboard's owner scope). */
export type OwnedSalonSummary = OwnedSalon;

// The caller's salons by name: one query for the dashboard and the settings pages alike.
export { listOwnedSalons } from "@/lib/dashboard/owner-scope";

export interface SalonSettings {
  salon: {
    id: string;
    slug: string;
    name: string;
    timeZone: string;
    address: string;
    bufferMinutes: number;
    minNoticeMinutes: number;
    cancellationCutoffMinutes: number;
    bookingHorizonDays: number;
    contactPhone: string;
    country: string;
    currency: string;
    locale: string;
  };
  services: { id: string; name: string; durationMinutes: number; priceCents: number; active: boolean }[];
  stylists: { id: string; name: string; active: boolean }[];
}

/** One working or opening stretch of a weekday, HH:MM. */
export interface Stretch {
  weekday: number;
  start: string;
  end: string;
}

export interface SalonHoursSettings {
  salon: { id: string; name: string; timeZone: string; locale: string };
  /** By ISO weekday then start. */
  hours: Stretch[];
}

export interface StylistSettings {
  salon: { id: string; name: string; timeZone: string; locale: string };
  stylist: { id: string; name: string; active: boolean };
  /** The stylist's own working stretches, HH:MM, by ISO weekday then start (only on their own days). */
  hours: Stretch[];
  /** The weekdays the stylist sets themselves (ISO); on the others they work `salonHours`. */
  ownDays: number[];
  /** The salon's opening stretches, HH:MM, by ISO weekday then start. */
  salonHours: Stretch[];
  /** Latest first; at most MAX_TIME_OFF_ROWS. */
  /** Times ("HH:MM") for hours off on one day; null for whole days. */
  timeOff: { id: string; startDate: string; endDate: string; startTime: string | null; endTime: string | null; reason: string }[];
}

export const MAX_TIME_OFF_ROWS = 200;

/** One of the caller's salons, as a heading needs it, or null. */
export async function getOwnedSalonSummary(db: Database, ownerId: OwnerId, salonId: string): Promise<OwnedSalonSummary | null> {
  const salon = await findOwnedSalon(db, ownerId, salonId);
  return salon ? { id: salon.id, slug: salon.slug, name: salon.name, timeZone: salon.timeZone, locale: salon.locale } : null;
}

/** One of the caller's salons with all its services and stylists (switched-off ones too), or null. */
export async function getSalonSettings(db: Database, ownerId: OwnerId, salonId: string): Promise<SalonSettings | null> {
  const salon = await findOwnedSalon(db, ownerId, salonId);
  if (!salon) return null;
  const [serviceRows, stylistRows] = await Promise.all([
    db
      .select({
        id: services.id,
        name: services.name,
        durationMinutes: services.durationMinutes,
        priceCents: services.priceCents,
        active: services.active,
      })
      .from(services)
      .where(eq(services.salonId, salon.id))
      .orderBy(desc(services.active), asc(services.name), asc(services.id)),
    db
      .select({ id: stylists.id, name: stylists.name, active: stylists.active })
      .from(stylists)
      .where(eq(stylists.salonId, salon.id))
      .orderBy(desc(stylists.active), asc(stylists.name), asc(stylists.id)),
  ]);
  const { id, slug, name, timeZone, address, bufferMinutes, minNoticeMinutes, cancellationCutoffMinutes, bookingHorizonDays } = salon;
  const { contactPhone, country, currency, locale } = salon;
  return {
    salon: {
      ...{ id, slug, name, timeZone, address, bufferMinutes, minNoticeMinutes, cancellationCutoffMinutes, bookingHorizonDays },
      ...{ contactPhone, country, currency, locale },
    },
    services: serviceRows,
    stylists: stylistRows,
  };
}

/** One of the caller's stylists, in the given salon, with hours and days off; or null. */
export async function getStylistSettings(
  db: Database,
  ownerId: OwnerId,
  q: { salonId: string; stylistId: string },
): Promise<StylistSettings | null> {
  const owned = await findOwnedStylist(db, ownerId, q.stylistId);
  // The URL names both; a stylist shown under another of the owner's salons would confuse, so no.
  if (!owned || owned.salon.id !== q.salonId) return null;
  const [hourRows, ownDayRows, salonRows, offRows] = await Promise.all([
    db
      .select({ weekday: workingHours.weekday, start: workingHours.startTime, end: workingHours.endTime })
      .from(workingHours)
      .where(eq(workingHours.stylistId, owned.stylist.id))
      .orderBy(asc(workingHours.weekday), asc(workingHours.startTime)),
    db
      .select({ weekday: stylistOwnDays.weekday })
      .from(stylistOwnDays)
      .where(eq(stylistOwnDays.stylistId, owned.stylist.id))
      .orderBy(asc(stylistOwnDays.weekday)),
    salonStretches(db, owned.salon.id),
    db
      .select({
        id: timeOff.id,
        startDate: timeOff.startDate,
        endDate: timeOff.endDate,
        startTime: timeOff.startTime,
        endTime: timeOff.endTime,
        reason: timeOff.reason,
      })
      .from(timeOff)
      .where(eq(timeOff.stylistId, owned.stylist.id))
      .orderBy(desc(timeOff.startDate), asc(timeOff.id))
      .limit(MAX_TIME_OFF_ROWS),
  ]);
  return {
    salon: { id: owned.salon.id, name: owned.salon.name, timeZone: owned.salon.timeZone, locale: owned.salon.locale },
    stylist: { id: owned.stylist.id, name: owned.stylist.name, active: owned.stylist.active },
    hours: hourRows.map((h) => ({ weekday: h.weekday, start: h.start.slice(0, 5), end: h.end.slice(0, 5) })),
    ownDays: ownDayRows.map((d) => d.weekday),
    salonHours: salonRows.map(toStretch),
    timeOff: offRows.map((o) => ({ ...o, startTime: o.startTime?.slice(0, 5) ?? null, endTime: o.endTime?.slice(0, 5) ?? null })),
  };
}

const toStretch = (h: { weekday: number; startTime: string; endTime: string }): Stretch => ({
  weekday: h.weekday,
  start: h.startTime.slice(0, 5),
  end: h.endTime.slice(0, 5),
});

/** One of the caller's salons with its opening hours, or null. */
export async function getSalonHours(db: Database, ownerId: OwnerId, salonId: string): Promise<SalonHoursSettings | null> {
  const salon = await findOwnedSalon(db, ownerId, salonId);
  if (!salon) return null;
  const hours = await salonStretches(db, salon.id);
  return { salon: { id: salon.id, name: salon.name, timeZone: salon.timeZone, locale: salon.locale }, hours: hours.map(toStretch) };
}
