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
