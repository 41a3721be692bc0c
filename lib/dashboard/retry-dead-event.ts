import type { Database } from "@/db/client";
import { retryDeadEvent } from "@/lib/outbox/admin";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { findOwnedSalon, type OwnerId } from "./owner-scope";

export type RetryDeadEventResult = { status: "retried" } | { status: "not_found" };

/**
 * The owner sends a dead event of one of their salons round again. The salon id from the form is
 * only a narrowing: it must be the owner's, and the event must be dead and belong to it.
 */
export async function retryOwnerDeadEvent(
  db: Database,
  ownerId: OwnerId,
  input: { eventId: number; salonId: string },
  options: { now?: Date } = {},
): Promise<RetryDeadEventResult> {
  const salon = await findOwnedSalon(db, ownerId, input.salonId);
  if (!salon) return { status: "not_found" };
  const retried = await retryDeadEvent(db, input.eventId, [salon.id], options);
  if (!retried) return { status: "not_found" };
  // Committed: wake the relay now rather than at its next poll.
  nudgeRelay();
  return { status: "retried" };
}
