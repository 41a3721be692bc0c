// Rate limits on every public surface, counted in the database. Rules: lib/config/env.ts;
// what each surface counts against: rules.ts; the counting itself: store.ts.
export { consumeRateLimits, purgeExpiredRateLimits, rateKey, refundRateLimits, windowEnd, type RateCheck, type RateVerdict } from "./store";
export { availabilityChecks, bookingChecks, confirmationKey, manageChecks, signInChecks, signUpChecks } from "./rules";
export { rateLimitedMessage, waitFor } from "./messages";
