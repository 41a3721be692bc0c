"use server";

import { redirect } from "next/navigation";
import { signIn } from "@/auth";
import type { SignUpState } from "@/components/auth/sign-up-state";
import { getDb } from "@/db/client";
import { signUpOwner, signUpSchema } from "@/lib/auth/sign-up";
import { fieldErrors } from "@/lib/booking/schemas";
import { requestClientIp } from "@/lib/http/request-context";
import { waitFor } from "@/lib/rate-limit";
import { errorFields, log } from "@/lib/log";

/** Creates an owner account and signs the new owner in. */
export async function signUpWithPassword(_previous: SignUpState, formData: FormData): Promise<SignUpState> {
  const values = {
    name: String(formData.get("name") ?? "").slice(0, 100),
    email: String(formData.get("email") ?? "").slice(0, 254),
  };
  const parsed = signUpSchema.safeParse({ name: formData.get("name"), email: formData.get("email"), password: formData.get("password") });
  if (!parsed.success) {
    return { status: "invalid", message: "Please correct the fields marked below.", fieldErrors: fieldErrors(parsed.error), values };
  }

  try {
    const result = await signUpOwner(await getDb(), { ...parsed.data, ip: await requestClientIp() });
    if (result.status === "rate_limited") {
      const message = `Too many sign-up attempts from your network. Please try again in ${waitFor(result.retryAfterSeconds)}.`;
      return { status: "rate_limited", message, values };
    }
    if (result.status === "email_taken") {
      return {
        status: "email_taken",
        message: "Please correct the fields marked below.",
        fieldErrors: { email: ["An account with this email already exists. Sign in instead."] },
        values,
      };
    }
  } catch (error) {
    log.error("sign-up failed", errorFields(error));
    return { status: "error", message: "Creating your account failed on our side. Please try again in a moment.", values };
  }

  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    log.error("sign-in after sign-up failed", errorFields(error));
    redirect("/sign-in?callbackUrl=/dashboard");
  }
  redirect("/dashboard");
}
