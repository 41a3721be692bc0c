// The password form's state, shared by the server action that returns it and the form that shows it.

export interface ChangePasswordState {
  status: "idle" | "invalid" | "wrong_password" | "rate_limited" | "unauthorized" | "error";
  message?: string;
  fieldErrors?: { currentPassword?: string[]; newPassword?: string[] };
}

export const initialChangePasswordState: ChangePasswordState = { status: "idle" };
