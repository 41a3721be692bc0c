"use client";

import { useActionState, useEffect, useRef } from "react";
import { Notice } from "@/components/ui/notice";
import { inputBase } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialChangePasswordState, type ChangePasswordState } from "./change-password-state";

export interface ChangePasswordFormProps {
  action: (state: ChangePasswordState, formData: FormData) => Promise<ChangePasswordState>;
  minPasswordLength: number;
  maxPasswordLength: number;
}

/** The current password and a new one; saving it signs every other browser out. */
export function ChangePasswordForm({ action, minPasswordLength, maxPasswordLength }: ChangePasswordFormProps) {
  const [state, formAction] = useActionState(action, initialChangePasswordState);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};

  // After a refused attempt, put the keyboard on the first field to fix.
  useEffect(() => {
    if (state.status === "idle") return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby="password-heading">
      <div aria-live="polite" role="status" className="empty:hidden">
        {state.message && <Notice tone={state.status === "rate_limited" ? "warning" : "error"} title={state.message} />}
      </div>
      <PasswordField
        id="current-password"
        name="currentPassword"
        label="Current password"
        autoComplete="current-password"
        maxLength={1024}
        errors={errors.currentPassword}
      />
      <PasswordField
        id="new-password"
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        minLength={minPasswordLength}
        maxLength={maxPasswordLength}
        hint={`At least ${minPasswordLength} characters. Saving it signs you out everywhere else.`}
        errors={errors.newPassword}
      />
      <SubmitButton pendingLabel="Saving…">Change password</SubmitButton>
    </form>
  );
}

function PasswordField({
  id,
  name,
  label,
  autoComplete,
  minLength,
  maxLength,
  hint,
  errors,
}: {
  id: string;
  name: string;
  label: string;
  autoComplete: string;
  minLength?: number;
  maxLength: number;
  hint?: string;
  errors?: string[];
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-stone-900">
        {label}
      </label>
      {hint && (
        <p id={hintId} className="mt-0.5 text-sm text-stone-600">
          {hint}
        </p>
      )}
      <input
        id={id}
        name={name}
        type="password"
        autoComplete={autoComplete}
        required
        minLength={minLength}
        maxLength={maxLength}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`${inputBase} ${errorId ? "border-red-700" : "border-stone-300"}`}
      />
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}
