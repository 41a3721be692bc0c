import { IANAZone } from "luxon";
import { z } from "zod";
import { dateSchema, MAX_BOOKING_HORIZON_DAYS, slugSchema, uuidSchema } from "@/lib/booking/schemas";
import { getCountries } from "libphonenumber-js";
import { phoneProblem, isPhoneCountry } from "@/lib/text/phone";
import { isOneLineText, oneLineMessage } from "@/lib/text/plain-text";

// One zod schema per salon-settings input, shared by the settings forms' actions and the command
// functions (which parse again, so no caller can skip validation). Form values arrive as strings;
// JSON callers may send numbers and booleans, so the number and flag fields accept both.

/** The IANA zones this runtime knows, as offered in the salon form. */
export const TIME_ZONES: readonly string[] = Intl.supportedValuesOf("timeZone");
const KNOWN_ZONES = new Set(TIME_ZONES);

/** A zone from the runtime's IANA list that luxon can also compute with (availability relies on it). */
export function isKnownTimeZone(value: string): boolean {
  return KNOWN_ZONES.has(value) && IANAZone.isValidZone(value);
}

export const MAX_STRETCHES_PER_DAY = 6;
/** How many stranded bookings one refusal lists (and one "keep anyway" may acknowledge). */
export const MAX_ACKNOWLEDGED_BOOKINGS = 100;

const asString = (value: unknown) => (typeof value === "number" ? String(value) : value);

function name(label: string, max: number) {
  return z
    .string({ message: `Please enter a ${label.toLowerCase()}` })
    .trim()
    .min(1, `Please enter a ${label.toLowerCase()}`)
    .max(max, `${label} must be at most ${max} characters`)
    .refine(isOneLineText, oneLineMessage(label));
}

/** A whole number of minutes between min and max, from "15" or 15. */
function minutes(label: string, min: number, max: number) {
  return z.preprocess(
    asString,
    z
      .string({ message: `${label} must be a whole number of minutes` })
      .trim()
      .regex(/^\d{1,6}$/, `${label} must be a whole number of minutes`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `${label} must be between ${min} and ${max} minutes`)
          .max(max, `${label} must be between ${min} and ${max} minutes`),
      ),
  );
}

/** A whole number of days between min and max, from "90" or 90. */
function days(label: string, min: number, max: number) {
  const message = `${label} must be a whole number of days from ${min} to ${max}`;
  return z.preprocess(
    asString,
    z
      .string({ message })
      .trim()
      .regex(/^\d{1,4}$/, message)
      .transform(Number)
      .pipe(z.number().min(min, message).max(max, message)),
  );
}

/** "on"/"true"/true → true; "false"/absent → false. */
const flag = z.preprocess((v) => v === true || v === "true" || v === "on" || v === "yes", z.boolean());

export const timeZoneSchema = z
  .string({ message: "Please choose a time zone" })
  .trim()
  .min(1, "Please choose a time zone")
  .max(64, "Please choose a time zone from the list")
  .refine(isKnownTimeZone, "Please choose a time zone from the list");

/** Bookings the owner has seen listed and chose to keep although the change strands them. */
export const keepBookingIdsSchema = z
  .array(uuidSchema)
  .max(MAX_ACKNOWLEDGED_BOOKINGS, `At most ${MAX_ACKNOWLEDGED_BOOKINGS} bookings can be kept at once`)
  .default([]);

/** The locales an owner can choose: how pages and emails write times, dates and money (words stay English). */
export const SALON_LOCALES: Readonly<Record<string, string>> = {
  "en-GB": "English (UK): 14:30, 14 March, 25.50",
  "en-US": "English (US): 2:30 PM, March 14, 25.50",
  "en-IE": "English (Ireland): 14:30, 14 March, 25.50",
  "en-CA": "English (Canada): 2:30 PM, 14 March, 25.50",
  "en-AU": "English (Australia): 2:30 pm, 14 March, 25.50",
  "de-DE": "German: 14:30, 14 March, 25,50",
  "fr-FR": "French: 14:30, 14 March, 25,50",
  "es-ES": "Spanish: 14:30, 14 March, 25,50",
  "it-IT": "Italian: 14:30, 14 March, 25,50",
  "nl-NL": "Dutch: 14:30, 14 March, 25,50",
};

/** ISO 4217 codes this runtime can format. */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf("currency");
const KNOWN_CURRENCIES = new Set(CURRENCIES);

/** ISO 3166-1 alpha-2 codes whose phone numbers can be checked, with their English names. */
export const COUNTRIES: readonly string[] = getCountries().filter((code) => /^[A-Z]{2}$/.test(code)).sort();
export const COUNTRY_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  COUNTRIES.map((code) => [code, `${new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code} (${code})`]),
);

/** What the salon form's country, currency and locale fields offer. */
export const SALON_LOCALE_CHOICES = { countries: COUNTRIES, countryNames: COUNTRY_NAMES, currencies: CURRENCIES, locales: SALON_LOCALES };

const code = (label: string, allowed: (value: string) => boolean) =>
  z
    .string({ message: `Please choose a ${label}` })
    .trim()
    .max(10, `Please choose a ${label} from the list`)
    .refine(allowed, `Please choose a ${label} from the list`);

/** The salon's contact number: optional, a real number (checked against the salon's country). */
const contactPhoneSchema = z
  .string()
  .trim()
  .max(40, "Phone must be at most 40 characters")
  .regex(/^[+0-9 ().-]*$/, "Phone may contain digits, spaces and + ( ) . - only");

/** A contact number is read in the salon's country unless it starts with "+". */
function checkContactPhone(value: { contactPhone?: string; country?: string }, ctx: z.RefinementCtx) {
  if (!value.contactPhone) return;
  const problem = phoneProblem(value.contactPhone, value.country ?? "");
  if (problem) ctx.addIssue({ code: "custom", path: ["contactPhone"], message: problem });
}

export const salonDetailsSchema = z.object({
  name: name("Salon name", 120),
  slug: z.preprocess((v) => (typeof v === "string" ? v.trim() : v), slugSchema),
  timeZone: timeZoneSchema,
  address: z.string().trim().max(300, "Address must be at most 300 characters").refine(isOneLineText, oneLineMessage("Address")).default(""),
  bufferMinutes: minutes("Buffer", 0, 240),
  minNoticeMinutes: minutes("Minimum notice", 0, 43_200),
  cancellationCutoffMinutes: minutes("Cancellation cutoff", 0, 43_200),
  // Optional for callers that predate it: absent keeps the salon's (a new salon's: the default).
  bookingHorizonDays: days("Booking horizon", 1, MAX_BOOKING_HORIZON_DAYS).optional(),
  // Optional likewise: absent keeps the salon's (a new salon's: the column defaults).
  contactPhone: contactPhoneSchema.optional(),
  country: code("country", isPhoneCountry).optional(),
  currency: code("currency", (v) => KNOWN_CURRENCIES.has(v)).optional(),
  locale: code("locale", (v) => Object.hasOwn(SALON_LOCALES, v)).optional(),
});
export type SalonDetailsInput = z.input<typeof salonDetailsSchema>;

export const createSalonSchema = salonDetailsSchema.superRefine(checkContactPhone);
export type CreateSalonInput = z.input<typeof createSalonSchema>;

export const updateSalonSchema = salonDetailsSchema
  .extend({
    salonId: uuidSchema,
    keepBookingIds: keepBookingIdsSchema,
  })
  .superRefine(checkContactPhone);
export type UpdateSalonInput = z.input<typeof updateSalonSchema>;

/**
 * A price typed as a decimal in the salon's currency → whole cents. The decimal separator may be a
 * point or a comma ("25.50", "25,50"): with at most two decimals and no thousands separators,
 * either reading is unambiguous, so a euro salon's owner types prices as they write them.
 */
export const priceSchema = z.preprocess(
  asString,
  z
    .string({ message: "Please enter a price, e.g. 25.00" })
    .trim()
    .regex(/^\d{1,6}([.,]\d{1,2})?$/, "Enter a price of 0 or more with at most two decimals, e.g. 25.00 or 25,00")
    .transform((text) => {
      const [units, fraction = ""] = text.split(/[.,]/);
      return Number(units) * 100 + Number(fraction.padEnd(2, "0"));
    }),
);

const serviceFields = {
  name: name("Service name", 120),
  durationMinutes: minutes("Duration", 5, 720),
  price: priceSchema,
};

export const addServiceSchema = z.object({ salonId: uuidSchema, ...serviceFields });
export type AddServiceInput = z.input<typeof addServiceSchema>;

export const updateServiceSchema = z.object({ serviceId: uuidSchema, ...serviceFields });
export type UpdateServiceInput = z.input<typeof updateServiceSchema>;

export const setServiceActiveSchema = z.object({
  serviceId: uuidSchema,
  active: flag,
  keepBookingIds: keepBookingIdsSchema,
});
export type SetServiceActiveInput = z.input<typeof setServiceActiveSchema>;

export const addStylistSchema = z.object({ salonId: uuidSchema, name: name("Stylist name", 80) });
export type AddStylistInput = z.input<typeof addStylistSchema>;

export const renameStylistSchema = z.object({ stylistId: uuidSchema, name: name("Stylist name", 80) });
export type RenameStylistInput = z.input<typeof renameStylistSchema>;

export const setStylistActiveSchema = z.object({
  stylistId: uuidSchema,
  active: flag,
  keepBookingIds: keepBookingIdsSchema,
});
export type SetStylistActiveInput = z.input<typeof setStylistActiveSchema>;

/** A wall-clock time, 24-hour HH:MM ("9:00" is read as 09:00). */
export const timeOfDaySchema = z
  .string({ message: "Use 24-hour HH:MM, e.g. 09:00 or 17:30" })
  .trim()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$/, "Use 24-hour HH:MM, e.g. 09:00 or 17:30")
  .transform((t) => t.padStart(5, "0"));

const HH_MM = /^\d\d:\d\d$/;
const stretchSchema = z.object({ start: timeOfDaySchema, end: timeOfDaySchema });

const weekdaySchema = z.preprocess(
  (v) => (typeof v === "string" && /^\d$/.test(v) ? Number(v) : v),
  z.number({ message: "Unknown weekday" }).int().min(1, "Unknown weekday").max(7, "Unknown weekday"),
);

// Stretches for one or more weekdays (each day gets the same stretches; none means closed or a day
// off), as the salon's opening hours and a stylist's own hours both take them.
const weekStretchesFields = {
  weekdays: z
    .array(weekdaySchema)
    .min(1, "Choose at least one day")
    .max(7, "Choose at most seven days")
    .transform((days) => [...new Set(days)].sort()),
  stretches: z.array(stretchSchema).max(MAX_STRETCHES_PER_DAY, `At most ${MAX_STRETCHES_PER_DAY} stretches a day`),
  keepBookingIds: keepBookingIdsSchema,
};

/** Stretches must run forwards and must not overlap: a break is the gap between two. */
function checkStretches(input: { stretches: { start: string; end: string }[] }, ctx: z.RefinementCtx) {
  // Zod still runs this when a time failed its own check; compare only well-formed times.
  const wellFormed = (s: { start: string; end: string }) => HH_MM.test(s.start) && HH_MM.test(s.end);
  input.stretches.forEach((s, i) => {
    if (wellFormed(s) && s.start >= s.end) ctx.addIssue({ code: "custom", path: ["stretches", i, "end"], message: "End must be after start" });
  });
  const ordered = input.stretches
    .map((s, i) => ({ ...s, i }))
    .filter((s) => wellFormed(s) && s.start < s.end)
    .sort((a, b) => a.start.localeCompare(b.start));
  for (let k = 1; k < ordered.length; k++) {
    const previous = ordered[k - 1];
    const current = ordered[k];
    if (current.start < previous.end) {
      ctx.addIssue({
        code: "custom",
        path: ["stretches", current.i, "start"],
        message: `Overlaps ${previous.start}–${previous.end}; stretches of a day must not overlap`,
      });
    }
  }
}

/** Where a stylist's hours on a weekday come from: the salon's opening hours, or their own stretches. */
export const HOURS_SOURCES = ["salon", "own"] as const;

/**
 * A stylist's hours for one or more weekdays: their own stretches ("own", the default; none is a
 * day off although the salon is open), or the salon's opening hours ("salon", no stretches).
 */
export const setWeeklyHoursSchema = z
  .object({
    stylistId: uuidSchema,
    // A string in (form values are), one of HOURS_SOURCES out.
    source: z
      .string({ message: "Choose the salon's hours or own hours" })
      .default("own")
      .pipe(z.enum(HOURS_SOURCES, { message: "Choose the salon's hours or own hours" })),
    ...weekStretchesFields,
  })
  .superRefine((input, ctx) => {
    checkStretches(input, ctx);
    if (input.source === "salon" && input.stretches.length > 0) {
      ctx.addIssue({ code: "custom", path: ["stretches"], message: "Days on the salon's hours take no stretches of their own" });
    }
  });
export type SetWeeklyHoursInput = z.input<typeof setWeeklyHoursSchema>;
export type WeeklyHours = z.output<typeof setWeeklyHoursSchema>;

/** The salon's opening hours for one or more weekdays; no stretches: closed on those days. */
export const setSalonHoursSchema = z.object({ salonId: uuidSchema, ...weekStretchesFields }).superRefine(checkStretches);
export type SetSalonHoursInput = z.input<typeof setSalonHoursSchema>;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

// An empty time field means "the whole day".
const optionalTimeOfDay = z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), timeOfDaySchema.optional());

/**
 * Time off: whole days (inclusive dates), or part of one day with a from and an until time
 * (salon-local wall clock, until exclusive), e.g. an afternoon for an appointment.
 */
export const addTimeOffSchema = z
  .object({
    stylistId: uuidSchema,
    startDate: dateSchema,
    endDate: dateSchema,
    startTime: optionalTimeOfDay,
    endTime: optionalTimeOfDay,
    reason: z.string().trim().max(200, "Reason must be at most 200 characters").refine(isOneLineText, oneLineMessage("Reason")).default(""),
    keepBookingIds: keepBookingIdsSchema,
  })
  .superRefine((t, ctx) => {
    const datesWellFormed = ISO_DATE.test(t.startDate) && ISO_DATE.test(t.endDate);
    if (datesWellFormed && t.startDate > t.endDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "The last day must not be before the first" });
    }
    if ((t.startTime === undefined) !== (t.endTime === undefined)) {
      const path = t.startTime === undefined ? "startTime" : "endTime";
      ctx.addIssue({ code: "custom", path: [path], message: "Give both times for part of a day, or neither for whole days" });
      return;
    }
    if (t.startTime === undefined || t.endTime === undefined) return;
    if (t.startTime >= t.endTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "Until must be after from" });
    if (datesWellFormed && t.startDate !== t.endDate) {
      ctx.addIssue({ code: "custom", path: ["endDate"], message: "Hours off are for one day: make the last day the same as the first" });
    }
  });
export type AddTimeOffInput = z.input<typeof addTimeOffSchema>;

export const removeTimeOffSchema = z.object({ timeOffId: uuidSchema });
export type RemoveTimeOffInput = z.input<typeof removeTimeOffSchema>;
