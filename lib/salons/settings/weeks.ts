import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { effectiveHours, salonHours, stylistOwnDays, stylists } from "@/db/schema";
import type { WorkingStretch } from "@/lib/availability/compute-slots";

// Reads of the hours a stylist works: the effective week (the effective_hours view: the salon's
// opening hours on inherited days, their own stretches on their own days) and which days are theirs.

export interface StylistWeek {
  hours: WorkingStretch[];
  ownDays: Set<number>;
}

/**
 * The effective week of every stylist of the salon (or just `stylistId`). A stylist with neither
 * hours nor own days is absent: they follow the salon on every day and the salon has no hours.
 */
export async function stylistWeeks(db: Database, salonId: string, stylistId?: string): Promise<Map<string, StylistWeek>> {
  const scope = and(eq(stylists.salonId, salonId), stylistId === undefined ? undefined : eq(stylists.id, stylistId));
  const [hourRows, ownRows] = await Promise.all([
    db
      .select({ stylistId: effectiveHours.stylistId, weekday: effectiveHours.weekday, startTime: effectiveHours.startTime, endTime: effectiveHours.endTime })
      .from(effectiveHours)
      .innerJoin(stylists, eq(stylists.id, effectiveHours.stylistId))
      .where(scope),
    db
      .select({ stylistId: stylistOwnDays.stylistId, weekday: stylistOwnDays.weekday })
      .from(stylistOwnDays)
      .innerJoin(stylists, eq(stylists.id, stylistOwnDays.stylistId))
      .where(scope),
  ]);
  const weeks = new Map<string, StylistWeek>();
  const weekOf = (id: string) => {
    let week = weeks.get(id);
    if (!week) weeks.set(id, (week = { hours: [], ownDays: new Set() }));
    return week;
  };
  for (const { stylistId: id, ...stretch } of hourRows) weekOf(id).hours.push(stretch);
  for (const row of ownRows) weekOf(row.stylistId).ownDays.add(row.weekday);
  return weeks;
}

/** The salon's opening stretches, on the given weekdays (default all), by weekday and start. */
export async function salonStretches(db: Database, salonId: string, weekdays?: number[]): Promise<WorkingStretch[]> {
  return db
    .select({ weekday: salonHours.weekday, startTime: salonHours.startTime, endTime: salonHours.endTime })
    .from(salonHours)
    .where(and(eq(salonHours.salonId, salonId), weekdays === undefined ? undefined : inArray(salonHours.weekday, weekdays)))
    .orderBy(asc(salonHours.weekday), asc(salonHours.startTime));
}
