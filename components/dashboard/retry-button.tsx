"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { secondaryButton } from "@/components/ui/styles";
import { initialOwnerActionState, type OwnerActionState } from "./booking-action-state";

function Submit({ eventId }: { eventId: number }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={secondaryButton}>
      {pending ? "Retrying…" : "Retry"}
      <span className="sr-only"> event {eventId}</span>
    </button>
  );
}

/** Sends one dead event round again; says so next to the button if that was refused. */
export function RetryButton({
  eventId,
  salonId,
  action,
}: {
  eventId: number;
  salonId: string;
  action: (state: OwnerActionState, formData: FormData) => Promise<OwnerActionState>;
}) {
  const [state, formAction] = useActionState(action, initialOwnerActionState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="salonId" value={salonId} />
      <Submit eventId={eventId} />
      <span role="status" className="text-sm text-red-900">
        {state.message}
      </span>
    </form>
  );
}
