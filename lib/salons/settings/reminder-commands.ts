import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { salons } from "@/db/schema";
import { findOwnedSalon, type OwnerId } from "./owned";
import { invalidInput, NOT_FOUND, type SettingsResult } from "./results";
import { reminderSettingsSchema } from "./reminder-schemas";

/**
 * Sets when a salon reminds its customers and when its owner gets the day sheet. Bookings already
 * made keep the reminders they were given; the new offsets apply to bookings made (or moved) from now.
 */
export async function updateReminderSettings(db: Database, ownerId: OwnerId, input: Record<string, unknown>): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = reminderSettingsSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { salonId, reminderOffsetsMinutes, daySheetTime } = parsed.data;
  return db.transaction(async (tx) => {
    const salon = await findOwnedSalon(tx, ownerId, salonId);
    if (!salon) return NOT_FOUND;
    await tx.update(salons).set({ reminderOffsetsMinutes, daySheetTime }).where(eq(salons.id, salon.id));
    return { status: "ok" as const, salonId: salon.id };
  });
}
