// The sign-in form's state, shared by the server action that returns it and the form that shows it.

export interface SignInState {
  status: "idle" | "invalid" | "wrong_credentials" | "rate_limited" | "error";
  message?: string;
  fieldErrors?: { email?: string[]; password?: string[] };
  /** What the owner typed as email, so a refused attempt does not wipe it (never the password). */
  email?: string;
}

export const initialSignInState: SignInState = { status: "idle" };
