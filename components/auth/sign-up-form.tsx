"use client";

import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { Notice } from "@/components/ui/notice";
import { inputBase, textLink } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialSignUpState, type SignUpState } from "./sign-up-state";

export interface SignUpFormProps {
  action: (state: SignUpState, formData: FormData) => Promise<SignUpState>;
  minPasswordLength: number;
  maxPasswordLength: number;
}

/** Name, email and password for a new salon owner. */
export function SignUpForm({ action, minPasswordLength, maxPasswordLength }: SignUpFormProps) {
  const [state, formAction] = useActionState(action, initialSignUpState);
  const formRef = useRef<HTMLFormElement>(null);
  const errors = state.fieldErrors ?? {};

  // After a refused attempt, put the keyboard on the first field to fix.
  useEffect(() => {
    if (state.status === "idle") return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [state]);

  const passwordErrorId = errors.password?.length ? "new-password-error" : undefined;
  const describedBy = ["new-password-hint", passwordErrorId].filter(Boolean).join(" ");
  const fieldsKey = `${state.values?.name ?? ""}|${state.values?.email ?? ""}`;

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby="sign-up-heading">
      <div aria-live="polite" role="status" className="empty:hidden">
        {state.message && <Notice tone={state.status === "rate_limited" ? "warning" : "error"} title={state.message} />}
      </div>
      {/* key: a refused attempt re-mounts the fields with what was typed (React resets forms after an action). */}
      <TextField
        key={`name-${fieldsKey}`}
        id="name"
        name="name"
        label="Your name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={state.values?.name}
        errors={errors.name}
      />
      <TextField
        key={`email-${fieldsKey}`}
        id="email"
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        maxLength={254}
        defaultValue={state.values?.email}
        errors={errors.email}
      />
      {state.status === "email_taken" && (
        <p className="-mt-3 text-sm">
          <Link href="/sign-in?callbackUrl=/dashboard" className={textLink}>
            Sign in to your account
          </Link>
        </p>
      )}
      <div>
        <label htmlFor="new-password" className="block font-medium text-stone-900">
          Password
        </label>
        <p id="new-password-hint" className="mt-0.5 text-sm text-stone-600">
          At least {minPasswordLength} characters. A few words you will remember work well.
        </p>
        <input
          id="new-password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={minPasswordLength}
          maxLength={maxPasswordLength}
          aria-invalid={passwordErrorId ? true : undefined}
          aria-describedby={describedBy}
          className={`${inputBase} ${passwordErrorId ? "border-red-700" : "border-stone-300"}`}
        />
        {passwordErrorId && (
          <p id={passwordErrorId} className="mt-1 text-sm font-medium text-red-800">
            {errors.password!.join(" ")}
          </p>
        )}
      </div>
      <SubmitButton pendingLabel="Creating account…">Create account</SubmitButton>
    </form>
  );
}
