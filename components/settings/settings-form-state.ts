import type { StrandedBooking } from "@/lib/salons/settings/results";

// The state every settings form shows, shared by the server actions that return it and the
// forms that render it.

export type SettingsFormStatus = "idle" | "invalid" | "stranded" | "not_found" | "unauthorized" | "error";

export interface SettingsFormState {
  status: SettingsFormStatus;
  message?: string;
  /** Keyed by the input schema's dotted paths: "name", "stretches.1.start", … */
  fieldErrors?: Record<string, string[]>;
  /** The future bookings a refused change would strand; the form offers to keep them anyway. */
  stranded?: { bookings: StrandedBooking[]; total: number };
  /** What the owner typed, so a refused submission does not wipe the form (React resets it). */
  values?: Record<string, string | string[]>;
}

export const initialSettingsFormState: SettingsFormState = { status: "idle" };

/** The typed value of a field after a refusal, else the saved one. */
export function valueOf(state: SettingsFormState, name: string, saved: string): string {
  const typed = state.values?.[name];
  return typeof typed === "string" ? typed : saved;
}

/** ISO weekday names, Monday first (index 0 is weekday 1). Here, not in a client module, so server pages can use them. */
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
