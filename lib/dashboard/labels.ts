// Status words as an owner reads them. No dependencies, so client components can use them too.

const STATUS_LABELS: Record<string, string> = {
  confirmed: "Confirmed",
  cancelled: "Cancelled",
  completed: "Completed",
  no_show: "No-show",
};

/** A booking status as an owner reads it. */
export function bookingStatusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

const OUTBOX_LABELS: Record<string, string> = {
  pending: "Waiting",
  processing: "Being delivered",
  sent: "Delivered",
  dead: "Gave up",
};

/** An outbox event status as an owner reads it. */
export function outboxStatusLabel(status: string): string {
  return OUTBOX_LABELS[status] ?? status;
}
