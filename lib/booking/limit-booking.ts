import type { Database } from "@/db/client";
import { getConfig, type RateLimitRules } from "@/lib/config/env";
import { bookingChecks, confirmationKey, consumeRateLimits } from "@/lib/rate-limit";
import type { BookingRequest } from "./schemas";

export type BookingLimitVerdict =
  | { allowed: true; suppressConfirmationEmail: boolean }
  | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a booking request against its limits (client address, customer email, salon) and its
 * customer's confirmation emails, in one statement. Called by the JSON API and the booking form,
 * after the request is well-formed and before createBooking. Past the confirmation cap the booking
 * is still made and confirmed on screen; only its email is not sent.
 */
export async function limitBooking(
  db: Database,
  request: Pick<BookingRequest, "salon" | "customer">,
  caller: { clientIp?: string; rules?: RateLimitRules; now?: Date },
): Promise<BookingLimitVerdict> {
  const email = request.customer.email;
  const checks = bookingChecks(caller.rules ?? getConfig().rateLimits, { ip: caller.clientIp, email, salon: request.salon });
  const verdict = await consumeRateLimits(db, checks, caller.now);
  if (!verdict.allowed) return verdict;
  return { allowed: true, suppressConfirmationEmail: verdict.over.has(confirmationKey(email)) };
}
