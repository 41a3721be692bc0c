import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { stylists } from "@/db/schema";
import { findOwnedSalon, findOwnedStylist, type OwnerId } from "./owned";
import { invalidInput, NOT_FOUND, type SettingsResult } from "./results";
import {
  addStylistSchema,
  renameStylistSchema,
  setStylistActiveSchema,
  type AddStylistInput,
  type RenameStylistInput,
  type SetStylistActiveInput,
} from "./schemas";
import { findBookingsOfStylist, strandedRefusal } from "./stranded";

// Stylists, like services, are switched off rather than deleted: their bookings reference them.

/** Adds a stylist (with no hours yet: customers see no times for them until hours are set). */
export async function addStylist(db: Database, ownerId: OwnerId, input: AddStylistInput): Promise<SettingsResult<{ stylistId: string }>> {
  const parsed = addStylistSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return db.transaction(async (tx) => {
    const salon = await findOwnedSalon(tx, ownerId, parsed.data.salonId);
    if (!salon) return NOT_FOUND;
    const [stylist] = await tx
      .insert(stylists)
      .values({ salonId: salon.id, name: parsed.data.name })
      .returning({ id: stylists.id });
    return { status: "ok" as const, stylistId: stylist.id };
  });
}

export async function renameStylist(db: Database, ownerId: OwnerId, input: RenameStylistInput): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = renameStylistSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  return db.transaction(async (tx) => {
    const owned = await findOwnedStylist(tx, ownerId, parsed.data.stylistId, { lock: true });
    if (!owned) return NOT_FOUND;
    await tx.update(stylists).set({ name: parsed.data.name }).where(eq(stylists.id, owned.stylist.id));
    return { status: "ok" as const, salonId: owned.salon.id };
  });
}

/** Switches a stylist off (refused while they have future bookings the owner has not kept) or back on. */
export async function setStylistActive(
  db: Database,
  ownerId: OwnerId,
  input: SetStylistActiveInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = setStylistActiveSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { stylistId, active, keepBookingIds } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const owned = await findOwnedStylist(tx, ownerId, stylistId, { lock: true });
    if (!owned) return NOT_FOUND;
    if (!active && owned.stylist.active) {
      const found = await findBookingsOfStylist(tx, { salon: owned.salon, stylistId: owned.stylist.id, now });
      const refusal = strandedRefusal("stylist_inactive", found, keepBookingIds, owned.salon);
      if (refusal) return refusal;
    }
    await tx.update(stylists).set({ active }).where(eq(stylists.id, owned.stylist.id));
    return { status: "ok" as const, salonId: owned.salon.id };
  });
}
