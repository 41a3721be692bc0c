"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { OwnerActionState } from "@/components/dashboard/booking-action-state";
import { getDb } from "@/db/client";
import { deliveryHealthHref } from "@/lib/dashboard/links";
import { retryOwnerDeadEvent } from "@/lib/dashboard/retry-dead-event";
import { retryDeadEventSchema } from "@/lib/dashboard/schemas";
import { errorFields, log } from "@/lib/log";

/** Retries a dead event of one of the owner's salons and wakes the relay. */
export async function retryDeadEventAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard/health");
  const parsed = retryDeadEventSchema.safeParse({ eventId: formData.get("eventId"), salonId: formData.get("salonId") });
  if (!parsed.success) return { status: "invalid", message: "That event was not found." };

  let result: Awaited<ReturnType<typeof retryOwnerDeadEvent>>;
  try {
    result = await retryOwnerDeadEvent(await getDb(), owner.id, parsed.data);
  } catch (error) {
    log.error("retry dead event failed", { ownerId: owner.id, ...errorFields(error) });
    return { status: "error", message: "Retrying failed on our side. Please try again in a moment." };
  }
  if (result.status === "not_found") return { status: "not_found", message: "That event is not waiting for a retry (any more)." };

  revalidatePath("/dashboard/health");
  // The salon id is the owner's own here: retryOwnerDeadEvent found the event in it.
  redirect(deliveryHealthHref(parsed.data.salonId, { retried: String(parsed.data.eventId) }));
}
