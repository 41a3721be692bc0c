import type { AlternativeSlot } from "./booking-form-state";

// The manage page's forms' state, shared by the server actions that return it and the forms
// that show it. The statuses name the domain outcomes of a reschedule or a cancellation.

export interface ManageFormState {
  status: "idle" | "invalid" | "slot_taken" | "too_late" | "cancelled" | "not_active" | "rate_limited" | "error";
  message?: string;
  /** Keyed by the reschedule schema's fields: "start", "stylistId". */
  fieldErrors?: Record<string, string[]>;
  /** slot_taken: the nearest free times instead. */
  alternatives?: AlternativeSlot[];
}

export const initialManageFormState: ManageFormState = { status: "idle" };
