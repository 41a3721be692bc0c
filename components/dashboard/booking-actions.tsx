"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { useFormStatus } from "react-dom";
import { Notice } from "@/components/ui/notice";
import { focusRing, secondaryButton } from "@/components/ui/styles";
import { initialOwnerActionState, type OwnerActionState } from "./booking-action-state";

type Action = (state: OwnerActionState, formData: FormData) => Promise<OwnerActionState>;

export interface BookingActionsProps {
  bookingId: string;
  canCancel: boolean;
  canMarkOutcome: boolean;
  /** Confirmed, but its start is still ahead (completed / no-show come later). */
  notStartedYet: boolean;
  cancelAction: Action;
  outcomeAction: Action;
}

const dangerButton = `inline-flex min-h-11 items-center justify-center rounded-lg bg-red-800 px-5 py-2.5 font-semibold text-white shadow-sm hover:bg-red-900 disabled:cursor-not-allowed disabled:bg-stone-400 ${focusRing}`;

function PendingButton({ children, pendingLabel, className, name, value, buttonRef }: {
  children: React.ReactNode;
  pendingLabel: string;
  className: string;
  name?: string;
  value?: string;
  buttonRef?: React.Ref<HTMLButtonElement>;
}) {
  const { pending } = useFormStatus();
  return (
    <button ref={buttonRef} type="submit" name={name} value={value} disabled={pending} aria-disabled={pending} className={className}>
      {pending ? pendingLabel : children}
    </button>
  );
}

/** Cancel (after a confirmation step), and once the start has passed, completed or no-show. */
export function BookingActions({ bookingId, canCancel, canMarkOutcome, notStartedYet, cancelAction, outcomeAction }: BookingActionsProps) {
  const [cancelState, cancelFormAction] = useActionState(cancelAction, initialOwnerActionState);
  const [outcomeState, outcomeFormAction] = useActionState(outcomeAction, initialOwnerActionState);
  const [confirming, setConfirming] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);

  // Keyboard users land on the button that finishes the step they started, and back where they were.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
    else if (wasConfirming.current) triggerRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  const message = cancelState.message ?? outcomeState.message;

  return (
    <div className="space-y-4">
      <div role="status" aria-live="polite" className="empty:hidden">
        {message && <Notice tone="error" title={message} />}
      </div>

      {canCancel && !confirming && (
        <button ref={triggerRef} type="button" className={secondaryButton} onClick={() => setConfirming(true)}>
          Cancel booking…
        </button>
      )}
      {canCancel && confirming && (
        <div id="cancel-confirm" role="group" aria-labelledby="cancel-confirm-heading" className="space-y-3 rounded-lg border border-red-300 bg-red-50 p-4">
          <h3 id="cancel-confirm-heading" className="font-semibold text-red-950">
            Cancel this booking?
          </h3>
          <p className="text-red-950">The customer is emailed that it is cancelled, and the time becomes free to book again.</p>
          <div className="flex flex-wrap gap-2">
            <form action={cancelFormAction}>
              <input type="hidden" name="bookingId" value={bookingId} />
              <PendingButton buttonRef={confirmRef} className={dangerButton} pendingLabel="Cancelling…">
                Yes, cancel booking
              </PendingButton>
            </form>
            <button type="button" className={secondaryButton} onClick={() => setConfirming(false)}>
              Keep booking
            </button>
          </div>
        </div>
      )}

      {canMarkOutcome && (
        <form action={outcomeFormAction} className="flex flex-wrap gap-2">
          <input type="hidden" name="bookingId" value={bookingId} />
          <PendingButton className={secondaryButton} name="outcome" value="completed" pendingLabel="Saving…">
            Mark completed
          </PendingButton>
          <PendingButton className={secondaryButton} name="outcome" value="no_show" pendingLabel="Saving…">
            Mark no-show
          </PendingButton>
        </form>
      )}
      {notStartedYet && <p className="text-sm text-stone-700">Completed and no-show can be marked once the appointment has started.</p>}
      {!canCancel && !canMarkOutcome && <p className="text-stone-700">Nothing more to do: this booking is closed.</p>}
    </div>
  );
}
