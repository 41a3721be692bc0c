import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { services } from "@/db/schema";
import { findOwnedSalon, findOwnedService, type OwnerId } from "./owned";
import { invalidInput, NOT_FOUND, type SettingsResult } from "./results";
import {
  addServiceSchema,
  setServiceActiveSchema,
  updateServiceSchema,
  type AddServiceInput,
  type SetServiceActiveInput,
  type UpdateServiceInput,
} from "./schemas";
import { findBookingsOfService, strandedRefusal } from "./stranded";

// Services are never deleted: bookings reference them. Switching one off hides it from customers
// and keeps its history; a service with future bookings is only switched off once the owner has
// dealt with (or explicitly kept) those bookings.

/** Adds a service to one of the caller's salons. */
export async function addService(db: Database, ownerId: OwnerId, input: AddServiceInput): Promise<SettingsResult<{ serviceId: string }>> {
  const parsed = addServiceSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { salonId, name, durationMinutes, price } = parsed.data;
  return db.transaction(async (tx) => {
    const salon = await findOwnedSalon(tx, ownerId, salonId);
    if (!salon) return NOT_FOUND;
    const [service] = await tx
      .insert(services)
      .values({ salonId: salon.id, name, durationMinutes, priceCents: price })
      .returning({ id: services.id });
    return { status: "ok" as const, serviceId: service.id };
  });
}

/**
 * Renames, re-times or re-prices a service. Existing bookings keep the times they were booked
 * with (their end is stored), so a new duration applies to bookings made from now on.
 */
export async function updateService(db: Database, ownerId: OwnerId, input: UpdateServiceInput): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = updateServiceSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { serviceId, name, durationMinutes, price } = parsed.data;
  return db.transaction(async (tx) => {
    const owned = await findOwnedService(tx, ownerId, serviceId, { lock: true });
    if (!owned) return NOT_FOUND;
    await tx
      .update(services)
      .set({ name, durationMinutes, priceCents: price })
      .where(and(eq(services.id, owned.service.id), eq(services.salonId, owned.salon.id)));
    return { status: "ok" as const, salonId: owned.salon.id };
  });
}

/** Switches a service off (refused while it has future bookings the owner has not kept) or back on. */
export async function setServiceActive(
  db: Database,
  ownerId: OwnerId,
  input: SetServiceActiveInput,
  options: { now?: Date } = {},
): Promise<SettingsResult<{ salonId: string }>> {
  const parsed = setServiceActiveSchema.safeParse(input);
  if (!parsed.success) return invalidInput(parsed.error);
  const { serviceId, active, keepBookingIds } = parsed.data;
  const now = options.now ?? new Date();
  return db.transaction(async (tx) => {
    const owned = await findOwnedService(tx, ownerId, serviceId, { lock: true });
    if (!owned) return NOT_FOUND;
    if (!active && owned.service.active) {
      const found = await findBookingsOfService(tx, { salon: owned.salon, serviceId: owned.service.id, now });
      const refusal = strandedRefusal("service_inactive", found, keepBookingIds, owned.salon);
      if (refusal) return refusal;
    }
    await tx.update(services).set({ active }).where(eq(services.id, owned.service.id));
    return { status: "ok" as const, salonId: owned.salon.id };
  });
}
