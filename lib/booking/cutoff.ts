// The salon's cancellation cutoff: how long before the start a customer may still reschedule or
// cancel online. Pure, so pages, emails and the booking core say the same thing.

const MINUTE_MS = 60_000;

/** The last instant a customer may still change or cancel: start minus the salon's cutoff. */
export function changeDeadline(startsAt: Date, cutoffMinutes: number): Date {
  return new Date(startsAt.getTime() - cutoffMinutes * MINUTE_MS);
}

/** True once the cutoff before the start has begun (at the deadline itself a change is still accepted). */
export function isInsideCutoff(startsAt: Date, cutoffMinutes: number, now: Date): boolean {
  return now.getTime() > changeDeadline(startsAt, cutoffMinutes).getTime();
}

/** "2 hours", "1 day", "45 minutes", "1 hour 30 minutes". */
export function formatCutoff(minutes: number): string {
  const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  if (minutes > 0 && minutes % 1440 === 0) return unit(minutes / 1440, "day");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return unit(rest, "minute");
  return rest === 0 ? unit(hours, "hour") : `${unit(hours, "hour")} ${unit(rest, "minute")}`;
}

/** The customer-facing reason a change was refused inside the cutoff. */
export function tooLateMessage(cutoffMinutes: number): string {
  return cutoffMinutes === 0
    ? "This appointment has already started, so it can no longer be changed or cancelled online. Please contact the salon."
    : `Changes and cancellations close ${formatCutoff(cutoffMinutes)} before the appointment, so this one can no longer be changed online. Please contact the salon.`;
}
