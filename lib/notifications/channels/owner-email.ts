import { eq, inArray } from "drizzle-orm";
import { owners, salons } from "@/db/schema";
import type { BookingEventPayload } from "@/lib/booking/events";
import { BOOKING_REMINDER_EVENT } from "@/lib/booking/events";
import { loadDaySheetBookings } from "@/lib/day-sheet/day-sheet-bookings";
import { DAY_SHEET_EVENT } from "@/lib/day-sheet/queue-day-sheets";
import { renderBookingEmail } from "@/lib/mail/booking-email";
import { assertDaySheetPayload, renderDaySheetEmail } from "@/lib/mail/day-sheet-email";
import type { MailTransport } from "@/lib/mail/transport";
import type { ChannelResult, OutboxChannel, OutboxEvent } from "@/lib/outbox/relay";
import { mapWithConcurrency } from "./concurrency";
import { emailFailure } from "./email-failure";

export const OWNER_EMAIL_CHANNEL = "owner-email";

export interface OwnerEmailChannelOptions {
  transport: MailTransport;
  from: string;
  messageIdDomain: string;
  /** The app's public origin (APP_URL), for the link to the booking on the dashboard. */
  appUrl: string;
  /** Messages in flight at once; default twice the SMTP pool, so no pooled connection idles. */
  concurrency?: number;
}

/**
 * Emails the salon's owner about each booking event, with an .ics invitation, and the day sheet
 * (its bookings read when it is sent). Reminders are the customer's, not the owner's. A queued channel:
 * its own lane sends, so a slow mail server delays nothing else. Each message's outcome is
 * reported as soon as the server answers. Past the appointment's start the mail is dropped.
 */
export function createOwnerEmailChannel(options: OwnerEmailChannelOptions): OutboxChannel {
  const concurrency = Math.max(1, options.concurrency ?? options.transport.maxConnections * 2);
  return {
    name: OWNER_EMAIL_CHANNEL,
    mode: "queued",
    honoursExpiry: true,
    // The owner's own changes (made on the dashboard) are not mailed back to them: the dashboard records them.
    appliesTo: (event) =>
      (event.aggregateType === "booking" &&
        event.eventType !== BOOKING_REMINDER_EVENT &&
        (event.payload as Partial<BookingEventPayload> | null)?.actor !== "owner") ||
      event.eventType === DAY_SHEET_EVENT,
    async deliver(events, { db, report }) {
      // One lookup for the whole batch: salon → owner address, and the salon's locale and currency for the wording.
      const salonIds = [...new Set(events.map((e) => e.salonId))];
      const recipients = await db
        .select({ salonId: salons.id, email: owners.email, name: owners.name, locale: salons.locale, currency: salons.currency })
        .from(salons)
        .innerJoin(owners, eq(owners.id, salons.ownerId))
        .where(inArray(salons.id, salonIds));
      const bySalon = new Map(recipients.map((r) => [r.salonId, r]));

      return mapWithConcurrency(events, concurrency, async (event: OutboxEvent): Promise<ChannelResult> => {
        const owner = bySalon.get(event.salonId);
        let result: ChannelResult;
        if (!owner) {
          result = { eventId: event.id, ok: false, error: "salon owner not found", failure: "permanent" };
        } else {
          try {
            const mail = {
              to: owner.email,
              from: options.from,
              messageIdDomain: options.messageIdDomain,
              appUrl: options.appUrl,
              locale: owner.locale,
              currency: owner.currency,
            };
            const message =
              event.eventType === DAY_SHEET_EVENT
                ? renderDaySheetEmail(event, await loadDaySheetBookings(db, { ...assertDaySheetPayload(event.payload), salonId: event.salonId }), mail)
                : renderBookingEmail(event, mail);
            message.to = { name: owner.name, address: owner.email };
            await options.transport.send(message, event.id);
            result = { eventId: event.id, ok: true };
          } catch (error) {
            result = emailFailure(event.id, error);
          }
        }
        report?.(result);
        return result;
      });
    },
    close: () => options.transport.close(),
  };
}
