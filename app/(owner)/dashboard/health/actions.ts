"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOwner } from "@/auth";
import type { OwnerActionState } from "@/components/dashboard/booking-action-state";
import { getDb } from "@/db/client";
import { retryOwnerDelivery } from "@/lib/dashboard/delivery-health";
import { deliveryHealthHref } from "@/lib/dashboard/links";
import { retryDeliverySchema } from "@/lib/dashboard/schemas";
import { errorFields, log } from "@/lib/log";
import { getRuntime } from "@/lib/runtime";

/** Sends a given-up delivery (one event on one channel) of one of the owner's salons round again. */
export async function retryDeliveryAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  const owner = await requireOwner();
  if (!owner) redirect("/sign-in?callbackUrl=/dashboard/health");
  const parsed = retryDeliverySchema.safeParse({
    eventId: formData.get("eventId"),
    channel: formData.get("channel"),
    salonId: formData.get("salonId"),
  });
  if (!parsed.success) return { status: "invalid", message: "That message was not found." };

  let result: Awaited<ReturnType<typeof retryOwnerDelivery>>;
  try {
    result = await retryOwnerDelivery(await getDb(), owner.id, parsed.data, { horizonMs: getRuntime().config.relay.retry.horizonMs });
  } catch (error) {
    log.error("retry delivery failed", { ownerId: owner.id, ...errorFields(error) });
    return { status: "error", message: "Retrying failed on our side. Please try again in a moment." };
  }
  if (result.status === "not_found") return { status: "not_found", message: "That message is not waiting for a retry (any more)." };

  revalidatePath("/dashboard/health");
  // The salon id is the owner's own here: retryOwnerDelivery found the delivery in it.
  redirect(deliveryHealthHref(parsed.data.salonId, { retried: `${parsed.data.eventId}-${parsed.data.channel}` }));
}
