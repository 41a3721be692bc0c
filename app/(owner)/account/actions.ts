"use server";

import { z } from "zod";
import type { ChangePasswordState } from "@/components/auth/change-password-state";
import { changeOwnerPassword } from "@/lib/auth/change-password";
import { requestClientIp } from "@/lib/http/request-context";
import { waitFor } from "@/lib/rate-limit";
import { finished, ownerAction } from "../owner-action";

const SIGNED_OUT: ChangePasswordState = { status: "unauthorized", message: "You are signed out, so nothing was changed. Sign in again." };
const CORRECT_FIELDS = "Please correct the fields marked below.";

// The door only caps and types the fields; the password rules are changeOwnerPassword's own schema,
// whose field errors the form shows.
const passwordForm = z.object({ currentPassword: z.string().max(2_000), newPassword: z.string().max(2_000) });

const changePassword = ownerAction(
  {
    action: "changePassword",
    schema: passwordForm,
    withSession: true,
    signedOut: () => SIGNED_OUT,
    invalid: (fieldErrors): ChangePasswordState => ({ status: "invalid", message: CORRECT_FIELDS, fieldErrors }),
    notFound: () => SIGNED_OUT,
    failed: (): ChangePasswordState => ({ status: "error", message: "Changing your password failed on our side, so nothing changed. Please try again." }),
  },
  async ({ db, owner, sessionId, input }) => {
    const result = await changeOwnerPassword(db, { ownerId: owner.id, sessionId: sessionId!, ip: await requestClientIp() }, input);
    switch (result.status) {
      case "ok":
        return finished("/account?changed=1");
      case "invalid":
        return { status: "invalid", message: CORRECT_FIELDS, fieldErrors: result.fieldErrors } satisfies ChangePasswordState;
      case "wrong_password":
        return {
          status: "wrong_password",
          message: CORRECT_FIELDS,
          fieldErrors: { currentPassword: ["That is not your current password."] },
        } satisfies ChangePasswordState;
      case "rate_limited":
        return { status: "rate_limited", message: `Too many attempts. Please wait ${waitFor(result.retryAfterSeconds)} and try again.` } satisfies ChangePasswordState;
      case "not_found":
        return SIGNED_OUT;
    }
  },
);

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, 2_000) : "";
};

/** Changes the signed-in owner's password; every other session of the owner ends with it. */
export async function changePasswordAction(_previous: ChangePasswordState, formData: FormData): Promise<ChangePasswordState> {
  return changePassword({ currentPassword: field(formData, "currentPassword"), newPassword: field(formData, "newPassword") });
}
