import { eq, inArray } from "drizzle-orm";
import { bookings, salons } from "@/db/schema";
import { BOOKING_REMINDER_EVENT, type BookingEventPayload } from "@/lib/booking/events";
import { manageBookingUrl } from "@/lib/booking/manage-link";
import { mintManageTokens, revokeManageToken } from "@/lib/booking/manage-token";
import { log } from "@/lib/log";
import { renderCustomerEmail } from "@/lib/mail/customer-email";
import type { MailTransport } from "@/lib/mail/transport";
import type { ChannelResult, OutboxChannel, OutboxEvent } from "@/lib/outbox/relay";
import { mapWithConcurrency } from "./concurrency";
import { emailFailure } from "./email-failure";

export const CUSTOMER_EMAIL_CHANNEL = "customer-email";

export interface CustomerEmailChannelOptions {
  transport: MailTransport;
  from: string;
  messageIdDomain: string;
  /** The app's public origin for manage links (APP_URL). */
  appUrl: string;
  /** Messages in flight at once; default twice the SMTP pool. */
  concurrency?: number;
}

/**
 * Emails the customer about each of their booking's events: a confirmation with the manage link,
 * an update when it moves, a cancellation, and the reminders before the visit. A queued channel with its own lane; past the
 * appointment's start the mail is dropped. The link's token is minted here, at delivery time (only
 * its hash is stored, so it cannot travel in the outbox payload); a re-send after a crash mints
 * another, and both work. An event whose booking row no longer exists is skipped: there is nothing
 * left to manage, and nobody to confirm it to.
 */
export function createCustomerEmailChannel(options: CustomerEmailChannelOptions): OutboxChannel {
  const concurrency = Math.max(1, options.concurrency ?? options.transport.maxConnections * 2);
  return {
    name: CUSTOMER_EMAIL_CHANNEL,
    mode: "queued",
    honoursExpiry: true,
    // A booking made past its address's confirmation cap says so in its event (lib/booking/limit-booking.ts);
    // a walk-in or phone booking the owner made without an email has no address to write to.
    appliesTo: (event) => {
      if (event.aggregateType !== "booking") return false;
      const payload = event.payload as Partial<BookingEventPayload> | null;
      return payload?.customerEmail !== "suppressed" && typeof payload?.customer?.email === "string";
    },
    async deliver(events, { db, report, now }) {
      // One read for the batch: which bookings exist (and as what version), and their salon's
      // policy, phone, currency and locale for the mail's wording.
      const bookingIds = [...new Set(events.map((e) => e.aggregateId))];
      const found = await db
        .select({
          id: bookings.id,
          status: bookings.status,
          version: bookings.version,
          cutoffMinutes: salons.cancellationCutoffMinutes,
          contactPhone: salons.contactPhone,
          currency: salons.currency,
          locale: salons.locale,
        })
        .from(bookings)
        .innerJoin(salons, eq(salons.id, bookings.salonId))
        .where(inArray(bookings.id, bookingIds));
      const cutoffs = new Map(found.map(({ id, cutoffMinutes, contactPhone, currency, locale }) => [id, { cutoffMinutes, contactPhone, currency, locale }]));
      const current = new Map(found.map((b) => [b.id, b]));
      // A reminder of a booking changed since it was written (a relay held it when the booking
      // moved or was cancelled, so the change could not remove it) is stale: not sent.
      const stale = (event: OutboxEvent) => {
        if (event.eventType !== BOOKING_REMINDER_EVENT) return false;
        const booking = current.get(event.aggregateId);
        return !booking || booking.status !== "confirmed" || booking.version !== (event.payload as Partial<BookingEventPayload> | null)?.sequence;
      };
      const needLinks = events.filter((e) => cutoffs.has(e.aggregateId) && e.eventType !== "booking.cancelled" && !stale(e));
      // One statement for the batch's tokens. (Never two events of one booking in a batch call.)
      const tokens = await mintManageTokens(db, needLinks.map((e) => e.aggregateId));

      return mapWithConcurrency(events, concurrency, async (event: OutboxEvent): Promise<ChannelResult> => {
        let result: ChannelResult;
        if (!cutoffs.has(event.aggregateId)) {
          log.warn("customer email skipped: booking not found", { eventId: event.id });
          result = { eventId: event.id, ok: true };
        } else if (stale(event)) {
          log.info("customer reminder skipped: booking changed since", { eventId: event.id });
          result = { eventId: event.id, ok: true };
        } else {
          const token = event.eventType === "booking.cancelled" ? undefined : tokens.get(event.aggregateId);
          try {
            const slug = (event.payload as Partial<BookingEventPayload> | null)?.salon?.slug;
            const message = renderCustomerEmail(event, {
              from: options.from,
              messageIdDomain: options.messageIdDomain,
              manageUrl: token ? manageBookingUrl(options.appUrl, token) : undefined,
              ...cutoffs.get(event.aggregateId),
              now,
              salonUrl: typeof slug === "string" ? `${options.appUrl}/s/${encodeURIComponent(slug)}` : undefined,
            });
            await options.transport.send(message, event.id, "customer");
            result = { eventId: event.id, ok: true };
          } catch (error) {
            // The link never went out: forget it (best effort; an unsent token is merely unused).
            if (token) await revokeManageToken(db, token).catch(() => {});
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
