import { Notice } from "@/components/ui/notice";

// What the page says after a settings action saved and redirected back with ?saved=<code>.
// Only known codes print anything, so the URL cannot put text on the page.
const SAVED_MESSAGES: Record<string, string> = {
  created: "Salon created. Next: add its services, then its stylists and their hours, then publish it.",
  published: "Salon published. Customers can find and book it now.",
  unpublished: "Salon unpublished. Customers can no longer find or book it; its bookings are kept.",
  details: "Salon details saved.",
  "service-added": "Service added.",
  "service-saved": "Service saved.",
  "service-off": "Service switched off. Customers no longer see it.",
  "service-on": "Service switched on. Customers can book it again.",
  "stylist-added": "Stylist added. Set their working hours so customers can book them.",
  "stylist-renamed": "Stylist renamed.",
  "stylist-off": "Stylist switched off. Customers no longer see them.",
  "stylist-on": "Stylist switched on.",
  hours: "Working hours saved.",
  "time-off-added": "Time off added.",
  "time-off-removed": "Time off removed.",
  reminders: "Reminders and day sheet saved. New bookings get the new reminders; bookings already made keep theirs.",
};

/** A polite status line for the change just saved (present on load after the redirect). */
export function SavedNotice({ code }: { code?: string }) {
  const message = code ? SAVED_MESSAGES[code] : undefined;
  return (
    <div role="status" aria-live="polite" className="empty:m-0">
      {message && <Notice tone="success" title={message} />}
    </div>
  );
}
