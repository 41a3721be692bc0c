import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { resultRows } from "@/db/rows";
import { salons } from "@/db/schema";
import { isUuid } from "@/lib/uuid";
import { isOwnerId } from "@/lib/dashboard/owner-scope";
import { findOwnedSalon, type OwnerId } from "./owned";
import { NOT_FOUND, type SettingsResult } from "./results";

// A salon is open to customers once it can take a booking (a service, a stylist, hours) and its
// owner has said so. Until then customers neither see nor book it (lib/salons/queries.ts and the
// customer entry points of createBooking); the owner sees and uses it as usual.

export type ReadinessItem = "service" | "stylist" | "hours";

export interface SalonReadiness {
  publishedAt: Date | null;
  /** What the salon still needs before it can be published, in the order an owner sets it up. */
  missing: ReadinessItem[];
}

export const READINESS_LABELS: Record<ReadinessItem, string> = {
  service: "Add at least one service",
  stylist: "Add at least one stylist",
  hours: "Set opening hours for a stylist",
};

async function missingFor(db: Database, salonId: string): Promise<ReadinessItem[]> {
  const [row] = resultRows<Record<ReadinessItem, boolean>>(
    await db.execute(sql`
      select
        exists (select 1 from services sv where sv.salon_id = ${salonId}::uuid and sv.active) as service,
        exists (select 1 from stylists st where st.salon_id = ${salonId}::uuid and st.active) as stylist,
        exists (select 1 from working_hours wh join stylists st on st.id = wh.stylist_id
                where st.salon_id = ${salonId}::uuid and st.active) as hours
    `),
  );
  return (["service", "stylist", "hours"] as const).filter((item) => !row?.[item]);
}

/** The owner's salon's publication state and what it still lacks; null when it is not theirs. */
export async function getSalonReadiness(db: Database, ownerId: OwnerId, salonId: string): Promise<SalonReadiness | null> {
  if (!isUuid(salonId)) return null;
  const salon = await findOwnedSalon(db, ownerId, salonId);
  if (!salon) return null;
  return { publishedAt: salon.publishedAt, missing: await missingFor(db, salon.id) };
}

/**
 * Opens the salon to customers. Refused, with what is missing, while it has no active service,
 * no active stylist or no hours; publishing a published salon changes nothing.
 */
export async function publishSalon(
  db: Database,
  ownerId: OwnerId,
  input: { salonId: unknown },
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string }>> {
  if (typeof input.salonId !== "string" || !isUuid(input.salonId)) return NOT_FOUND;
  const salonId = input.salonId;
  return db.transaction(async (tx) => {
    const salon = await findOwnedSalon(tx, ownerId, salonId, { lock: true });
    if (!salon) return NOT_FOUND;
    const missing = await missingFor(tx, salon.id);
    if (missing.length > 0) return { status: "invalid" as const, fieldErrors: { publish: missing.map((m) => READINESS_LABELS[m]) } };
    await tx
      .update(salons)
      .set({ publishedAt: options.now ?? new Date() })
      .where(and(eq(salons.id, salon.id), isNull(salons.publishedAt)));
    return { status: "ok" as const, salonId: salon.id };
  });
}

/**
 * Closes the salon to customers again: it leaves the public list, its page is a 404 and customers
 * cannot book it. Its bookings are kept and their manage links still work (viewing, moving and
 * cancelling a booking do not ask whether the salon is published). Unpublishing an unpublished
 * salon changes nothing.
 */
export async function unpublishSalon(db: Database, ownerId: OwnerId, input: { salonId: unknown }): Promise<SettingsResult<{ salonId: string }>> {
  if (typeof input.salonId !== "string" || !isUuid(input.salonId)) return NOT_FOUND;
  const salonId = input.salonId;
  return db.transaction(async (tx) => {
    const salon = await findOwnedSalon(tx, ownerId, salonId, { lock: true });
    if (!salon) return NOT_FOUND;
    await tx
      .update(salons)
      .set({ publishedAt: null })
      .where(and(eq(salons.id, salon.id), isNotNull(salons.publishedAt)));
    return { status: "ok" as const, salonId: salon.id };
  });
}

export interface OwnedSalonState {
  id: string;
  name: string;
  slug: string;
  timeZone: string;
  published: boolean;
  missing: ReadinessItem[];
}

/** The owner's salons by name, each with whether customers can find it and what it still lacks. */
export async function listOwnedSalonStates(db: Database, ownerId: OwnerId): Promise<OwnedSalonState[]> {
  if (!isOwnerId(ownerId)) return [];
  const rows = await db
    .select({ id: salons.id, name: salons.name, slug: salons.slug, timeZone: salons.timeZone, publishedAt: salons.publishedAt })
    .from(salons)
    .where(eq(salons.ownerId, ownerId))
    .orderBy(asc(salons.name), asc(salons.id));
  // An owner has a handful of salons: one small query each.
  return Promise.all(
    rows.map(async ({ publishedAt, ...salon }) => ({ ...salon, published: publishedAt !== null, missing: await missingFor(db, salon.id) })),
  );
}
