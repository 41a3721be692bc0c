import { and, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { salons, services, stylists, type Salon, type Service, type Stylist } from "@/db/schema";
import { isUuid } from "@/lib/uuid";

// Loads a salon, stylist or service only together with the proof that the caller owns it: every
// lookup filters by the owner on the salon row, so an id from someone else's salon is "not found".
// With `lock`, the row is locked FOR UPDATE until the caller's transaction ends. A booking insert
// takes FOR KEY SHARE on the salon, service and stylist rows it references, so the lock makes a
// concurrent booking wait: a stranding check done under it sees every booking committed before.

type Lock = { lock?: boolean };

export type { OwnerId } from "@/lib/dashboard/owner-scope";
import type { OwnerId } from "@/lib/dashboard/owner-scope";

function canAsk(ownerId: OwnerId, id: string): ownerId is string {
  return typeof ownerId === "string" && isUuid(ownerId) && isUuid(id);
}

export async function findOwnedSalon(db: Database, ownerId: OwnerId, salonId: string, options: Lock = {}): Promise<Salon | undefined> {
  if (!canAsk(ownerId, salonId)) return undefined;
  const query = db
    .select()
    .from(salons)
    .where(and(eq(salons.id, salonId), eq(salons.ownerId, ownerId)))
    .limit(1);
  const [salon] = options.lock ? await query.for("update") : await query;
  return salon;
}

export async function findOwnedStylist(
  db: Database,
  ownerId: OwnerId,
  stylistId: string,
  options: Lock = {},
): Promise<{ stylist: Stylist; salon: Salon } | undefined> {
  if (!canAsk(ownerId, stylistId)) return undefined;
  const query = db
    .select({ stylist: stylists, salon: salons })
    .from(stylists)
    .innerJoin(salons, eq(salons.id, stylists.salonId))
    .where(and(eq(stylists.id, stylistId), eq(salons.ownerId, ownerId)))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: stylists }) : await query;
  return row;
}

export async function findOwnedService(
  db: Database,
  ownerId: OwnerId,
  serviceId: string,
  options: Lock = {},
): Promise<{ service: Service; salon: Salon } | undefined> {
  if (!canAsk(ownerId, serviceId)) return undefined;
  const query = db
    .select({ service: services, salon: salons })
    .from(services)
    .innerJoin(salons, eq(salons.id, services.salonId))
    .where(and(eq(services.id, serviceId), eq(salons.ownerId, ownerId)))
    .limit(1);
  const [row] = options.lock ? await query.for("update", { of: services }) : await query;
  return row;
}
