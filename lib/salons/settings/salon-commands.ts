import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { owners, salons } from "@/db/schema";
import { slugSchema } from "@/lib/booking/schemas";
import { pgConstraintName, pgErrorCode, PG_UNIQUE_VIOLATION } from "@/lib/db-errors";
import { findOwnedSalon, type OwnerId } from "./owned";
import { invalidField, invalidInput, NOT_FOUND, type SettingsResult } from "./results";
import { createSalonSchema, updateSalonSchema, type CreateSalonInput, type UpdateSalonInput } from "./schemas";
import { findBookingsShiftedByZone, findBookingsTooClose, strandedRefusal } from "./stranded";

const SLUG_TAKEN = "That address is already taken by another salon; please choose another slug";

function isSlugClash(error: unknown): boolean {
  return pgErrorCode(error) === PG_UNIQUE_VIOLATION && pgConstraintName(error) === "salons_slug_unique";
}

/**
 * The field errors of input that failed validation, plus a taken slug if the slug itself is well
 * formed, so the owner sees every problem at once. The unique index stays the judge on insert.
 */
async function invalidWithSlug(db: Database, error: z.ZodError, slug: unknown, exceptSalonId?: unknown) {
  const result = invalidInput(error);
  const wellFormed = slugSchema.safeParse(typeof slug === "string" ? slug.trim() : slug);
  if (wellFormed.success && !result.fieldErrors.slug) {
    const [taken] = await db.select({ id: salons.id }).from(salons).where(eq(salons.slug, wellFormed.data)).limit(1);
    if (taken && taken.id !== exceptSalonId) result.fieldErrors.slug = [SLUG_TAKEN];
  }
  return result;
}

/** Creates a salon owned by the caller. A taken slug is a field error, decided by the unique index. */
export async function createSalon(db: Database, ownerId: OwnerId, input: CreateSalonInput): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = createSalonSchema.safeParse(input);
  if (!parsed.success) return invalidWithSlug(db, parsed.error, input.slug);
  if (!ownerId) return NOT_FOUND;
  try {
    return await db.transaction(async (tx) => {
      // The owner row is checked rather than trusted: a deleted account cannot create salons.
      const [owner] = await tx.select({ id: owners.id }).from(owners).where(eq(owners.id, ownerId)).limit(1);
      if (!owner) return NOT_FOUND;
      const [salon] = await tx
        .insert(salons)
        .values({ ...parsed.data, ownerId: owner.id })
        .returning({ id: salons.id });
      return { status: "ok" as const, salonId: salon.id };
    });
  } catch (error) {
    if (isSlugClash(error)) return invalidField("slug", SLUG_TAKEN);
    throw error;
  }
}

/**
 * Edits a salon's details and booking rules. A larger buffer or another time zone can strand
 * future bookings; then nothing is written unless the owner keeps exactly the bookings listed.
 */
export async function updateSalon(
  db: Database,
  ownerId: OwnerId,
  input: UpdateSalonInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = updateSalonSchema.safeParse(input);
  if (!parsed.success) return invalidWithSlug(db, parsed.error, input.slug, input.salonId);
  const { salonId, keepBookingIds, ...details } = parsed.data;
  const now = options.now ?? new Date();
  try {
    return await db.transaction(async (tx) => {
      const salon = await findOwnedSalon(tx, ownerId, salonId, { lock: true });
      if (!salon) return NOT_FOUND;
      const zoneRefusal = strandedRefusal(
        "time_zone",
        await findBookingsShiftedByZone(tx, { salon, timeZone: details.timeZone, now }),
        keepBookingIds,
        salon, // listed at the times the customers were given
      );
      if (zoneRefusal) return zoneRefusal;
      const bufferRefusal = strandedRefusal(
        "buffer",
        await findBookingsTooClose(tx, { salon, bufferMinutes: details.bufferMinutes, now }),
        keepBookingIds,
        salon,
      );
      if (bufferRefusal) return bufferRefusal;
      await tx.update(salons).set(details).where(eq(salons.id, salon.id));
      return { status: "ok" as const, salonId: salon.id };
    });
  } catch (error) {
    if (isSlugClash(error)) return invalidField("slug", SLUG_TAKEN);
    throw error;
  }
}
