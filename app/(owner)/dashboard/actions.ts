"use server";

import { requireOwner } from "@/auth";
import { getDb } from "@/db/client";
import { markNotificationsRead } from "@/lib/notifications/queries";
import { markReadSchema } from "@/lib/notifications/schemas";
import { errorFields, log } from "@/lib/log";

export type MarkReadResult = { status: "ok"; marked: number } | { status: "invalid" | "unauthorized" | "error" };

/** Marks the signed-in owner's notifications up to an event id as read; never anyone else's. */
export async function markNotificationsReadAction(upToEventId: number): Promise<MarkReadResult> {
  const owner = await requireOwner();
  if (!owner) return { status: "unauthorized" };
  const parsed = markReadSchema.safeParse({ upToEventId });
  if (!parsed.success) return { status: "invalid" };
  try {
    const marked = await markNotificationsRead(await getDb(), owner.id, parsed.data.upToEventId);
    return { status: "ok", marked };
  } catch (error) {
    log.error("mark notifications read failed", { ownerId: owner.id, ...errorFields(error) });
    return { status: "error" };
  }
}
