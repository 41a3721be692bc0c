import { and, asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { salons } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

// What an owner may see and touch: their own salons, nothing else. Every dashboard query takes
// the caller's owner id and filters by it in SQL; a salon or booking id from a URL or a form is
// never enough on its own.

/** The caller: an owner's id, or null/undefined when nobody is signed in (refused like a stranger). */
export type OwnerId = string | null | undefined;

export interface OwnedSalon {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  /** BCP 47: how the dashboard writes this salon's times and dates. */
  locale: string;
}

export function isOwnerId(ownerId: OwnerId): ownerId is string {
  return typeof ownerId === "string" && isUuid(ownerId);
}

/** The owner's salons by name: what the salon switcher offers. */
export async function listOwnedSalons(db: Database, ownerId: OwnerId): Promise<OwnedSalon[]> {
  if (!isOwnerId(ownerId)) return [];
  return db
    .select({ id: salons.id, slug: salons.slug, name: salons.name, timeZone: salons.timeZone, locale: salons.locale })
    .from(salons)
    .where(eq(salons.ownerId, ownerId))
    .orderBy(asc(salons.name), asc(salons.id));
}

/** One salon, only if this owner owns it. */
export async function findOwnedSalon(db: Database, ownerId: OwnerId, salonId: string): Promise<OwnedSalon | undefined> {
  if (!isOwnerId(ownerId) || !isUuid(salonId)) return undefined;
  const [salon] = await db
    .select({ id: salons.id, slug: salons.slug, name: salons.name, timeZone: salons.timeZone, locale: salons.locale })
    .from(salons)
    .where(and(eq(salons.id, salonId), eq(salons.ownerId, ownerId)))
    .limit(1);
  return salon;
}

/** Ids of the owner's salons: the scope handed to booking and outbox operations. */
export async function ownedSalonIds(db: Database, ownerId: OwnerId): Promise<string[]> {
  return (await listOwnedSalons(db, ownerId)).map((s) => s.id);
}
