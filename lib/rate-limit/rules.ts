import type { RateLimitRules } from "@/lib/config/env";
import type { RateRule } from "@/lib/config/security";
import { ipBucket } from "@/lib/http/client-ip";
import { rateKey, type RateCheck } from "./store";

// What each public surface counts against (the rules come from lib/config/env.ts). A client whose
// address is unknown is not counted per address: one shared "unknown" bucket would let anyone
// lock out everyone without an address; the other keys still hold.

function check(scope: string, value: string | undefined, rule: RateRule | null, mode?: RateCheck["mode"]): RateCheck[] {
  if (!rule || value === undefined || value === "") return [];
  return [{ key: rateKey(scope, value), rule, ...(mode ? { mode } : {}) }];
}

const email = (value: string) => value.trim().toLowerCase();
const ip = (value: string | undefined) => (value === undefined ? undefined : ipBucket(value));

/** The key that counts confirmation emails to an address (a "count" check of bookingChecks). */
export function confirmationKey(customerEmail: string): string {
  return rateKey("confirmation-email", email(customerEmail));
}

/** A new booking (JSON API or the booking form): per client, per customer email, per salon; confirmations counted. */
export function bookingChecks(rules: RateLimitRules, who: { ip?: string; email: string; salon: string }): RateCheck[] {
  return [
    ...check("booking-ip", ip(who.ip), rules.bookingPerIp),
    ...check("booking-email", email(who.email), rules.bookingPerEmail),
    ...check("booking-salon", who.salon, rules.bookingPerSalon),
    ...check("confirmation-email", email(who.email), rules.confirmationPerEmail, "count"),
  ];
}

/** Free times of a salon (JSON API, the salon page, the details form's check): per client, per salon. */
export function availabilityChecks(rules: RateLimitRules, who: { ip?: string; salon: string }): RateCheck[] {
  return [...check("availability-ip", ip(who.ip), rules.availabilityPerIp), ...check("availability-salon", who.salon, rules.availabilityPerSalon)];
}

/** A manage link (its page, its actions, /api/v1/manage): per client, per link. */
export function manageChecks(rules: RateLimitRules, who: { ip?: string; token: string }): RateCheck[] {
  return [...check("manage-ip", ip(who.ip), rules.managePerIp), ...check("manage-token", who.token, rules.managePerToken)];
}

/**
 * An owner sign-in attempt (or a current-password check): per (account, client) — the tight one —
 * plus a looser per-account ceiling, so a handful of wrong guesses from one place cannot lock the
 * owner out everywhere, and a per-client limit across accounts.
 */
export function signInChecks(rules: RateLimitRules, who: { ip?: string; email: string }): RateCheck[] {
  const account = email(who.email);
  const client = ip(who.ip);
  return [
    ...check("sign-in-account-ip", client === undefined ? undefined : `${account}|${client}`, rules.signInPerAccountAndIp),
    ...check("sign-in-account", account, rules.signInPerAccount),
    ...check("sign-in-ip", client, rules.signInPerIp),
  ];
}

/** An owner sign-up, per client (an unknown address shares one bucket: see lib/auth/sign-up.ts). */
export function signUpChecks(rules: RateLimitRules, who: { ip?: string }): RateCheck[] {
  return check("sign-up-ip", ip(who.ip) ?? "unknown", rules.signUpPerIp);
}
