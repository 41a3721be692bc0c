"use server";

import { redirect } from "next/navigation";
import { requireOwnerSession } from "@/auth";
import type { ChangePasswordState } from "@/components/auth/change-password-state";
import { getDb } from "@/db/client";
import { changeOwnerPassword } from "@/lib/auth/change-password";
import { logUnexpectedError } from "@/lib/http";
import { requestClientIp } from "@/lib/http/request-context";
import { waitFor } from "@/lib/rate-limit";

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, 2_000) : "";
};

/** Changes the signed-in owner's password; every other session of the owner ends with it. */
export async function changePasswordAction(_previous: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  const session = await requireOwnerSession();
  if (!session) return { status: "unauthorized", message: "You are signed out, so nothing was changed. Sign in again." };
  const input = { currentPassword: field(formData, "currentPassword"), newPassword: field(formData, "newPassword") };
  try {
    const result = await changeOwnerPassword(
      await getDb(),
      { ownerId: session.owner.id, sessionId: session.sessionId, ip: await requestClientIp() },
      input,
    );
    switch (result.status) {
      case "ok":
        break;
      case "invalid":
        return { status: "invalid", message: "Please correct the fields marked below.", fieldErrors: result.fieldErrors };
      case "wrong_password":
        return {
          status: "wrong_password",
          message: "Please correct the fields marked below.",
          fieldErrors: { currentPassword: ["That is not your current password."] },
        };
      case "rate_limited":
        return { status: "rate_limited", message: `Too many attempts. Please wait ${waitFor(result.retryAfterSeconds)} and try again.` };
      case "not_found":
        return { status: "unauthorized", message: "You are signed out, so nothing was changed. Sign in again." };
    }
  } catch (error) {
    logUnexpectedError(error, { action: "changePassword", ownerId: session.owner.id });
    return { status: "error", message: "Changing your password failed on our side, so nothing changed. Please try again." };
  }
  redirect("/account?changed=1");
}
