"use server";

import { markNotificationsRead } from "@/lib/notifications/queries";
import { markReadSchema } from "@/lib/notifications/schemas";
import { ownerAction } from "../owner-action";

export type MarkReadResult = { status: "ok"; marked: number } | { status: "invalid" | "unauthorized" | "error" };

const markRead = ownerAction(
  {
    action: "markNotificationsRead",
    schema: markReadSchema,
    signedOut: (): MarkReadResult => ({ status: "unauthorized" }),
    invalid: (): MarkReadResult => ({ status: "invalid" }),
    // Names no salon: the query itself is limited to the owner's own notifications.
    notFound: (): MarkReadResult => ({ status: "invalid" }),
    failed: (): MarkReadResult => ({ status: "error" }),
  },
  async ({ db, owner, input }): Promise<MarkReadResult> => ({ status: "ok", marked: await markNotificationsRead(db, owner.id, input.upToEventId) }),
);

/** Marks the signed-in owner's notifications up to an event id as read; never anyone else's. */
export async function markNotificationsReadAction(upToEventId: number): Promise<MarkReadResult> {
  return markRead({ upToEventId });
}
