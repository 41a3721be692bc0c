"use client";

import { useActionState } from "react";
import { useFormStatus } from "react-dom";
import { secondaryButton } from "@/components/ui/styles";
import { initialOwnerActionState, type OwnerActionState } from "./booking-action-state";

function Submit({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending} aria-disabled={pending} className={secondaryButton}>
      {pending ? "Retrying…" : "Retry"}
      <span className="sr-only"> {label}</span>
    </button>
  );
}

/** Sends one given-up delivery round again; says so next to the button if that was refused. */
export function RetryButton({
  eventId,
  channel,
  salonId,
  label,
  action,
}: {
  eventId: number;
  channel: string;
  salonId: string;
  /** What is retried, for screen readers ("email to a customer, booking ABC123"). */
  label: string;
  action: (state: OwnerActionState, formData: FormData) => Promise<OwnerActionState>;
}) {
  const [state, formAction] = useActionState(action, initialOwnerActionState);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="channel" value={channel} />
      <input type="hidden" name="salonId" value={salonId} />
      <Submit label={label} />
      <span role="status" className="text-sm text-red-900">
        {state.message}
      </span>
    </form>
  );
}
