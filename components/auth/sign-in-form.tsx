"use client";

import { useActionState, useEffect, useRef } from "react";
import { Notice } from "@/components/ui/notice";
import { inputBase } from "@/components/ui/styles";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { initialSignInState, type SignInState } from "./sign-in-state";

export interface SignInFormProps {
  action: (state: SignInState, formData: FormData) => Promise<SignInState>;
  /** Where to go once signed in (a path on this site; the action checks it again). */
  callbackUrl: string;
  /** A message carried in the URL, e.g. after a POST straight to /api/auth failed. */
  initialMessage?: string;
}

/** Email and password for salon owners. */
export function SignInForm({ action, callbackUrl, initialMessage }: SignInFormProps) {
  const [state, formAction] = useActionState(action, initialSignInState);
  const formRef = useRef<HTMLFormElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const errors = state.fieldErrors ?? {};
  const message = state.message ?? (state.status === "idle" ? initialMessage : undefined);

  // After a refused attempt, put the keyboard where the owner has to act next.
  useEffect(() => {
    if (state.status === "idle") return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (invalid ?? passwordRef.current)?.focus();
  }, [state]);

  const passwordErrorId = errors.password?.length ? "password-error" : undefined;

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby="sign-in-heading">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <div aria-live="polite" role="status" className="empty:hidden">
        {message && (
          <Notice tone={state.status === "rate_limited" ? "warning" : "error"} title={message} />
        )}
      </div>
      {/* key: a refused attempt re-mounts the field with what was typed (React resets forms after an action). */}
      <TextField
        key={`email-${state.email ?? ""}`}
        id="email"
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        required
        maxLength={254}
        defaultValue={state.email}
        errors={errors.email}
      />
      <div>
        <label htmlFor="password" className="block font-medium text-stone-900">
          Password
        </label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          aria-invalid={passwordErrorId ? true : undefined}
          aria-describedby={passwordErrorId}
          className={`${inputBase} ${passwordErrorId ? "border-red-700" : "border-stone-300"}`}
        />
        {passwordErrorId && (
          <p id={passwordErrorId} className="mt-1 text-sm font-medium text-red-800">
            {errors.password!.join(" ")}
          </p>
        )}
      </div>
      <SubmitButton pendingLabel="Signing in…">Sign in</SubmitButton>
    </form>
  );
}
