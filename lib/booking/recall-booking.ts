import type { Database } from "@/db/client";
import { findBookingByIdempotencyKey } from "./booking-view";
import { mintManageToken } from "./manage-token";

/**
 * The booking an idempotency key made, with a manage token minted for this answer; null if the key
 * made none. The key is an unguessable value only the booking's tab holds (as for a replay), so
 * whoever presents it made the booking: this is how Back, or a Confirm whose answer never arrived,
 * finds the customer's own booking without booking again.
 */
export async function recallBookingByKey(
  db: Database,
  idempotencyKey: string,
): Promise<{ manageToken: string; reference: string } | null> {
  const earlier = await findBookingByIdempotencyKey(db, idempotencyKey);
  if (!earlier) return null;
  return { manageToken: await mintManageToken(db, earlier.view.id), reference: earlier.view.reference };
}
