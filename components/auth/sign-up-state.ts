// The sign-up form's state, shared by the server action that returns it and the form that shows it.

export interface SignUpState {
  status: "idle" | "invalid" | "email_taken" | "rate_limited" | "error";
  message?: string;
  fieldErrors?: { name?: string[]; email?: string[]; password?: string[] };
  /** What the owner typed, so a refused attempt does not wipe it (never the password). */
  values?: { name: string; email: string };
}

export const initialSignUpState: SignUpState = { status: "idle" };
