"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { focusRing } from "@/components/ui/styles";
import type { AlternativeSlot } from "./booking-form-state";
import { initialManageFormState, type ManageFormState } from "./manage-form-state";

export interface RescheduleFormProps {
  action: (state: ManageFormState, formData: FormData) => Promise<ManageFormState>;
  token: string;
  /** The chosen new start, ISO instant. */
  start: string;
  /** "Thursday 17 June 2027 at 14:00 British Summer Time". */
  label: string;
}

const NOT_CHOSEN = "Not chosen yet: pick a free time below";

/**
 * The confirmation step of a move: the chosen time, one button; refusals are announced in place.
 * When the time was taken meanwhile, the nearest free times are offered with none pre-selected
 * (as on the booking form), and "New time" follows the customer's pick, so the move made is the
 * time they read on screen.
 */
export function RescheduleForm({ action, token, start, label }: RescheduleFormProps) {
  // Offered times after a lost race, and the customer's pick among them; kept until another offer.
  const [offer, setOffer] = useState<AlternativeSlot[] | null>(null);
  const [chosen, setChosen] = useState<AlternativeSlot | null>(null);
  const [state, formAction] = useActionState(async (previous: ManageFormState, formData: FormData): Promise<ManageFormState> => {
    // Offered times and none picked: nothing is pre-selected, so say so instead of guessing.
    if (formData.get("choosing") === "1" && !formData.get("start")) {
      return { status: "invalid", message: "Please choose one of the free times.", fieldErrors: { start: ["Choose one of the free times."] } };
    }
    return action(previous, formData);
  }, initialManageFormState);

  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "slot_taken") {
      setOffer(state.alternatives ?? []);
      setChosen(null);
    }
  }

  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);
  const errors = Object.values(state.fieldErrors ?? {}).flat();
  const choosing = offer !== null && offer.length > 0;

  return (
    <form action={formAction} noValidate className="space-y-4" aria-labelledby="move-heading">
      <input type="hidden" name="token" value={token} />
      {!offer && <input type="hidden" name="start" value={start} />}
      {choosing && <input type="hidden" name="choosing" value="1" />}
      <div ref={statusRef} tabIndex={-1} aria-live="polite" role="status" className="empty:hidden focus:outline-none">
        {state.status !== "idle" && state.message && (
          <Notice tone={state.status === "slot_taken" ? "warning" : "error"} title={state.message}>
            {errors.length > 0 && (
              <ul id="move-errors" className="mt-1 list-disc pl-5">
                {errors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>
      <p aria-describedby={errors.length > 0 ? "move-errors" : undefined}>
        New time: <strong>{offer ? (chosen?.label ?? NOT_CHOSEN) : label}</strong>
      </p>
      {offer && offer.length === 0 && <p>There are no other free times close to this one. Choose another time below.</p>}
      {choosing && (
        <fieldset className="space-y-2">
          <legend className="font-semibold">Nearest free times</legend>
          {offer.map((slot) => (
            <label
              key={slot.start}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 has-checked:border-teal-700 has-checked:bg-teal-50"
            >
              <input
                type="radio"
                name="start"
                value={slot.start}
                checked={chosen?.start === slot.start}
                onChange={() => setChosen(slot)}
                className={`size-4 shrink-0 accent-teal-800 ${focusRing}`}
              />
              <span className="min-w-0 break-words">{slot.label}</span>
            </label>
          ))}
        </fieldset>
      )}
      {(!offer || choosing) && <SubmitButton pendingLabel="Moving…">Confirm new time</SubmitButton>}
    </form>
  );
}
