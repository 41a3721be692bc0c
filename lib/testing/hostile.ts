import fc from "fast-check";
import { count } from "drizzle-orm";
import type { Database } from "@/db/client";
import { bookingManageTokens, bookings, outbox, owners, salonHours, salons, services, stylistOwnDays, stylists, timeOff, workingHours } from "@/db/schema";
import { loadConfig, type RateLimitRules } from "@/lib/config/env";

// What a hostile client sends, as fast-check arbitraries, and the rows a refused request must not
// have touched. Shared by the property tests of the JSON API and of the server actions.

/** Every limit off: the property tests are about input, not about how often it comes. */
export const NO_LIMITS: RateLimitRules = Object.fromEntries(
  Object.keys(loadConfig({}).rateLimits).map((key) => [key, null]),
) as unknown as RateLimitRules;

/** Text people and attackers type: any code unit (lone surrogates too), controls, bidi, long runs. */
export const hostileText = fc.oneof(
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 1 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }), weight: 1 },
  // Mostly the characters that broke things: NUL, line breaks, bidi overrides, lone surrogates, quotes.
  { arbitrary: fc.string({ unit: fc.constantFrom("\u0000", "\r", "\n", "\t", "\u0085", "\u2028", "\u202e", "\u2066", "\ud800", "\udfff", "\"", ";", ",", ":", "<", "&", "'", "\\", "%", "a", " "), minLength: 1, maxLength: 30 }), weight: 3 },
  { arbitrary: fc.constantFrom("", " ", "Bob\r\nBcc: victim@example.com", "exe.gnp\u202e", "\u0000", "a".repeat(10_000), "😀".repeat(200), "%ZZ", "../../etc/passwd", "' or 1=1 --", "<script>alert(1)</script>"), weight: 1 },
);

/** Dates and times as strings: real ones, impossible ones, the ends of the calendar and beyond. */
export const oddDate = fc.oneof(
  fc.constantFrom(
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-02-30",
    "2027-13-01",
    "+010000-01-01",
    "-000001-01-01",
    "2027-03-10",
    "2027-3-10",
    "10/03/2027",
    "today",
    "",
  ),
  fc.date({ min: new Date(-8_640_000_000_000_000), max: new Date(8_640_000_000_000_000), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

export const oddInstant = fc.oneof(
  fc.constantFrom(
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59+14:00",
    "9999-12-31T23:00:00-05:00",
    "+275760-09-13T00:00:00Z",
    "2026-02-30T10:00:00Z",
    "2027-03-10T10:00:00",
    "2027-03-10T10:00:00.123456789+01:00",
    "2027-03-10T25:00:00Z",
  ),
  fc.date({ min: new Date(-8_640_000_000_000_000), max: new Date(8_640_000_000_000_000), noInvalidDate: true }).map((d) => d.toISOString()),
);

/** Numbers JSON can carry, the awkward ones included. */
export const hugeNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1e-320, 2 ** 31, 720.5),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** Any JSON value, shallow or nested. */
export const anyJson = fc.oneof(hostileText, hugeNumber, fc.boolean(), fc.constant(null), fc.json().map((j) => JSON.parse(j) as unknown));

/** Row counts of every table a request could write to. */
export async function domainRows(db: Database): Promise<Record<string, number>> {
  const tables = { bookings, outbox, bookingManageTokens, owners, salons, services, stylists, workingHours, stylistOwnDays, salonHours, timeOff };
  const counts = await Promise.all(Object.values(tables).map((table) => db.select({ n: count() }).from(table)));
  return Object.fromEntries(Object.keys(tables).map((name, i) => [name, counts[i][0].n]));
}
