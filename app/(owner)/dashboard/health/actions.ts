"use server";

import { redirect } from "next/navigation";
import type { OwnerActionState } from "@/components/dashboard/booking-action-state";
import { retryOwnerDelivery } from "@/lib/dashboard/delivery-health";
import { deliveryHealthHref } from "@/lib/dashboard/links";
import { retryDeliverySchema } from "@/lib/dashboard/schemas";
import { getRuntime } from "@/lib/runtime";
import { finished, ownerAction } from "../../owner-action";

const NOT_WAITING = "That message is not waiting for a retry (any more).";

const retry = ownerAction(
  {
    action: "retryDelivery",
    schema: retryDeliverySchema,
    signedOut: () => redirect("/sign-in?callbackUrl=/dashboard/health"),
    invalid: (): OwnerActionState => ({ status: "invalid", message: "That message was not found." }),
    notFound: (): OwnerActionState => ({ status: "not_found", message: NOT_WAITING }),
    failed: (): OwnerActionState => ({ status: "error", message: "Retrying failed on our side. Please try again in a moment." }),
    salonOf: (input) => input.salonId,
  },
  async ({ db, owner, input }) => {
    const result = await retryOwnerDelivery(db, owner.id, input, { horizonMs: getRuntime().config.relay.retry.horizonMs });
    if (result.status === "not_found") return { status: "not_found", message: NOT_WAITING } satisfies OwnerActionState;
    // The salon id is the owner's own here: the door checked it, and retryOwnerDelivery found the delivery in it.
    return finished(deliveryHealthHref(input.salonId, { retried: `${input.eventId}-${input.channel}` }), "/dashboard/health");
  },
);

/** Sends a given-up delivery (one event on one channel) of one of the owner's salons round again. */
export async function retryDeliveryAction(_previous: OwnerActionState, formData: FormData): Promise<OwnerActionState> {
  return retry({ eventId: formData.get("eventId"), channel: formData.get("channel"), salonId: formData.get("salonId") });
}
