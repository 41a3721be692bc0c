"use client";

import { useActionState, useEffect, useRef } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialManageFormState, type ManageFormState } from "./manage-form-state";

export interface CancelBookingFormProps {
  action: (state: ManageFormState, formData: FormData) => Promise<ManageFormState>;
  token: string;
}

/** The confirmation step of a cancellation: one deliberate button; a refusal is announced in place. */
export function CancelBookingForm({ action, token }: CancelBookingFormProps) {
  const [state, formAction] = useActionState(action, initialManageFormState);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== "idle") statusRef.current?.focus();
  }, [state]);

  return (
    <form action={formAction} className="space-y-4" aria-labelledby="cancel-heading">
      <input type="hidden" name="token" value={token} />
      <div ref={statusRef} tabIndex={-1} aria-live="polite" role="status" className="empty:hidden focus:outline-none">
        {state.status !== "idle" && state.message && <Notice tone="error" title={state.message} />}
      </div>
      <SubmitButton pendingLabel="Cancelling…">Yes, cancel my booking</SubmitButton>
    </form>
  );
}
