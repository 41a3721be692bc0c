// What an owner's booking action (cancel, move, completed, no-show) or a dead-event retry answers when
// it did not go ahead; on success the action redirects instead. Shared by the actions and forms.

export interface OwnerActionState {
  status: "idle" | "invalid" | "not_found" | "already_cancelled" | "not_active" | "not_confirmed" | "not_started" | "too_late" | "slot_taken" | "error";
  message?: string;
}

export const initialOwnerActionState: OwnerActionState = { status: "idle" };
