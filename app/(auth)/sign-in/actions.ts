"use server";

import { CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, SignInRateLimited } from "@/auth";
import type { SignInState } from "@/components/auth/sign-in-state";
import { fieldErrors } from "@/lib/booking/schemas";
import { callbackPathSchema, signInSchema } from "@/lib/auth/schemas";
import { errorFields, log } from "@/lib/log";

/**
 * Signs an owner in with email and password. The checks that matter — the password, the attempt
 * limit — run inside the Credentials provider, so POSTs straight to /api/auth get them as well.
 */
export async function signInWithPassword(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const typedEmail = String(formData.get("email") ?? "").slice(0, 254);
  const parsed = signInSchema.safeParse({ email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    return { status: "invalid", message: "Please correct the fields marked below.", fieldErrors: fieldErrors(parsed.error), email: typedEmail };
  }
  const destination = callbackPathSchema.parse(formData.get("callbackUrl") ?? undefined);

  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof SignInRateLimited) {
      return {
        status: "rate_limited",
        message: "Too many sign-in attempts. Please wait 15 minutes and try again.",
        email: typedEmail,
      };
    }
    if (error instanceof CredentialsSignin) {
      // Deliberately vague: which of the two was wrong would tell an attacker which emails exist.
      return { status: "wrong_credentials", message: "That email and password do not match.", email: typedEmail };
    }
    log.error("sign-in failed", errorFields(error));
    return { status: "error", message: "Signing in failed on our side. Please try again in a moment.", email: typedEmail };
  }
  redirect(destination);
}
