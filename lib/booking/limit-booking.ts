import type { Database } from "@/db/client";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { errorFields, log } from "@/lib/log";
import { bookingChecks, confirmationKey, consumeRateLimits, refundRateLimits } from "@/lib/rate-limit";
import type { CustomerBookingRequest } from "./schemas";

export type BookingLimitVerdict =
  | {
      allowed: true;
      suppressConfirmationEmail: boolean;
      /** The confirmation count this request took, to give back if it makes no booking (settleBookingLimit). */
      confirmationKey?: string;
    }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a booking request against its limits (client address, customer email, salon) and its
 * customer's confirmation emails, in one statement. Called by the JSON API and the booking form,
 * after the request is well-formed and before createBooking. Past the confirmation cap the booking
 * is still made and confirmed on screen; only its email is not sent.
 */
export async function limitBooking(
  db: Database,
  request: Pick<CustomerBookingRequest, "salon" | "customer">,
  caller: { clientIp?: string; rules?: RateLimitRules; now?: Date },
): Promise<BookingLimitVerdict> {
  const email = request.customer.email;
  const checks = bookingChecks(caller.rules ?? getConfig().rateLimits, { ip: caller.clientIp, email, salon: request.salon });
  const verdict = await consumeRateLimits(db, checks, caller.now);
  if (!verdict.allowed) return verdict;
  const key = confirmationKey(email);
  return {
    allowed: true,
    suppressConfirmationEmail: verdict.over.has(key),
    ...(checks.some((c) => c.key === key) ? { confirmationKey: key } : {}),
  };
}

/**
 * After createBooking: a request that made no new booking (a replay, a taken slot, a refusal)
 * sends no confirmation, so it gives back the confirmation it was counted for. The attempt itself
 * stays counted against the booking limits. Only failures pay this statement; a new booking does not.
 */
export async function settleBookingLimit(db: Database, verdict: BookingLimitVerdict, outcome: { status: string }): Promise<void> {
  if (!verdict.allowed || !verdict.confirmationKey || outcome.status === "created") return;
  await refundRateLimits(db, [verdict.confirmationKey]).catch((error) => log.warn("giving back a confirmation count failed", errorFields(error)));
}
