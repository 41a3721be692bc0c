"use client";

import { useActionState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { inputBase } from "@/components/ui/styles";
import { initialOwnerActionState, type OwnerActionState } from "./booking-action-state";

type Action = (state: OwnerActionState, formData: FormData) => Promise<OwnerActionState>;

export interface MoveBookingFormProps {
  bookingId: string;
  action: Action;
  /** The free times of the chosen day: value (start|stylist) and label ("14:00 with Ana"). */
  choices: { value: string; label: string }[];
  dayLabel: string;
}

/** Picks one of the day's free times (and stylists) and moves the booking there. */
export function MoveBookingForm({ bookingId, action, choices, dayLabel }: MoveBookingFormProps) {
  const [state, formAction] = useActionState(action, initialOwnerActionState);
  const errorId = state.message ? "move-choice-error" : undefined;
  if (choices.length === 0) return <p className="text-stone-700">No free times on {dayLabel}. Please pick another day.</p>;
  return (
    <form action={formAction} className="space-y-3">
      <div role="status" aria-live="polite" className="empty:hidden">
        {state.message && <Notice tone="error" title={state.message} />}
      </div>
      <input type="hidden" name="bookingId" value={bookingId} />
      <div>
        <label htmlFor="move-choice" className="block font-medium text-stone-900">
          New time on {dayLabel}
        </label>
        <select
          id="move-choice"
          name="choice"
          required
          aria-describedby={errorId}
          aria-invalid={errorId ? true : undefined}
          className={`${inputBase} border-stone-300 sm:w-80`}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
        {errorId && (
          <p id={errorId} className="sr-only">
            {state.message}
          </p>
        )}
      </div>
      <p className="text-sm text-stone-700">The customer is emailed the new time, with an updated calendar entry.</p>
      <SubmitButton pendingLabel="Moving…">Move booking</SubmitButton>
    </form>
  );
}
