"use client";

import { useActionState, useEffect, useRef } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { focusRing } from "@/components/ui/styles";
import { initialManageFormState, type ManageFormState } from "./manage-form-state";

export interface RescheduleFormProps {
  action: (state: ManageFormState, formData: FormData) => Promise<ManageFormState>;
  token: string;
  /** The chosen new start, ISO instant. */
  start: string;
  /** "Thursday 17 June 2027 at 14:00 British Summer Time". */
  label: string;
}

/** The confirmation step of a move: the chosen time, one button; refusals are announced in place. */
export function RescheduleForm({ action, token, start, label }: RescheduleFormProps) {
  const [state, formAction] = useActionState(action, initialManageFormState);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);
  const errors = Object.values(state.fieldErrors ?? {}).flat();

  return (
    <form action={formAction} noValidate className="space-y-4" aria-labelledby="move-heading">
      <input type="hidden" name="token" value={token} />
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
      {state.status === "slot_taken" && (state.alternatives ?? []).length > 0 ? (
        <fieldset className="space-y-2">
          <legend className="font-semibold">Nearest free times</legend>
          {state.alternatives!.map((slot, index) => (
            <label
              key={slot.start}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 has-checked:border-teal-700 has-checked:bg-teal-50"
            >
              <input type="radio" name="start" value={slot.start} defaultChecked={index === 0} className={`size-4 accent-teal-800 ${focusRing}`} />
              <span>{slot.label}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <input type="hidden" name="start" value={start} />
          <p aria-describedby={errors.length > 0 ? "move-errors" : undefined}>
            New time: <strong>{label}</strong>
          </p>
        </>
      )}
      <SubmitButton pendingLabel="Moving…">Confirm new time</SubmitButton>
    </form>
  );
}
