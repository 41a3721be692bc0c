import { sql } from "drizzle-orm";
import {
  bigserial,
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// Salon owners. Auth.js signs them in with email and password (argon2id hash).
export const owners = pgTable("owners", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
});
export type Owner = typeof owners.$inferSelect;
// One row per signed-in browser. The session cookie (a JWT) names its row; an owner request is
// honoured only while the row exists, so signing out or changing the password ends sessions on
// the server, not just in the browser that asked (auth.ts).
export const ownerSessions = pgTable(
  "owner_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => owners.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("owner_sessions_owner_idx").on(t.ownerId)],
);
export type OwnerSession = typeof ownerSessions.$inferSelect;



export const salons = pgTable(
  "salons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => owners.id, { onDelete: "restrict" }),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    timeZone: text("time_zone").notNull(),
    address: text("address").notNull().default(""),
    bufferMinutes: integer("buffer_minutes").notNull().default(0),
    minNoticeMinutes: integer("min_notice_minutes").notNull().default(60),
    cancellationCutoffMinutes: integer("cancellation_cutoff_minutes").notNull().default(120),
    // How far ahead customers may book, in days from now (MAX_BOOKING_HORIZON_DAYS at most).
    bookingHorizonDays: integer("booking_horizon_days").notNull().default(90),
    // Null until the owner publishes the salon: customers neither see nor book it before then.
    publishedAt: timestamp("published_at", { withTimezone: true }),
    // Reminders before each appointment, in minutes before its start (none, one or two; a whole
    // number of days keeps the wall-clock time: lib/booking/reminders.ts). Read when a booking is
    // made or moved, so a change applies to bookings made afterwards.
    reminderOffsetsMinutes: integer("reminder_offsets_minutes").array().notNull().default(sql`'{1440}'::integer[]`),
    // When the owner's day sheet is emailed, wall-clock time in the salon's zone; null: never.
    daySheetTime: time("day_sheet_time").default("07:00"),
    // The number customers call about a booking (changes inside the cutoff); "" until the owner sets it.
    contactPhone: text("contact_phone").notNull().default(""),
    // ISO 3166-1 alpha-2: the default country of customers' phone numbers.
    country: text("country").notNull().default("GB"),
    // ISO 4217: prices are shown in it.
    currency: text("currency").notNull().default("GBP"),
    // BCP 47: 12/24-hour clock, date order and decimal separator on pages and in emails.
    locale: text("locale").notNull().default("en-GB"),
    createdAt: createdAt(),
  },
  (t) => [
    index("salons_owner_idx").on(t.ownerId),
    check("salons_country_code", sql`${t.country} ~ '^[A-Z]{2}$'`),
    check("salons_currency_code", sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check("salons_buffer_range", sql`${t.bufferMinutes} between 0 and 240`),
    check("salons_notice_range", sql`${t.minNoticeMinutes} between 0 and 43200`),
    check("salons_cutoff_range", sql`${t.cancellationCutoffMinutes} between 0 and 43200`),
    check("salons_horizon_range", sql`${t.bookingHorizonDays} between 1 and 730`),
    check(
      "salons_reminder_offsets",
      sql`cardinality(${t.reminderOffsetsMinutes}) <= 2 and 5 <= all(${t.reminderOffsetsMinutes}) and 20160 >= all(${t.reminderOffsetsMinutes})`,
    ),
  ],
);
export type Salon = typeof salons.$inferSelect;

// One row per salon and local date whose day sheet was queued: the relay that inserts the row
// (INSERT … ON CONFLICT DO NOTHING) writes the sheet's outbox event in the same statement, so two
// relays queue one sheet, on days the clocks change too (lib/day-sheet).
export const salonDaySheets = pgTable(
  "salon_day_sheets",
  {
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "cascade" }),
    localDate: date("local_date").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.salonId, t.localDate] })],
);
export type SalonDaySheet = typeof salonDaySheets.$inferSelect;

export const services = pgTable(
  "services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    priceCents: integer("price_cents").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    index("services_salon_idx").on(t.salonId),
    check("services_duration_range", sql`${t.durationMinutes} between 5 and 720`),
    check("services_price_range", sql`${t.priceCents} >= 0`),
  ],
);
export type Service = typeof services.$inferSelect;

export const stylists = pgTable(
  "stylists",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    active: boolean("active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("stylists_salon_idx").on(t.salonId)],
);
export type Stylist = typeof stylists.$inferSelect;

// The salon's opening hours: one row per stretch, like working_hours (a lunch break is the gap
// between two). A stylist works these on every weekday that is not one of their own days.
export const salonHours = pgTable(
  "salon_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
  },
  (t) => [
    index("salon_hours_salon_idx").on(t.salonId, t.weekday),
    check("salon_hours_weekday", sql`${t.weekday} between 1 and 7`),
    check("salon_hours_order", sql`${t.startTime} < ${t.endTime}`),
  ],
);
export type SalonHours = typeof salonHours.$inferSelect;

// The weekdays a stylist sets themselves instead of following the salon's hours: their
// working_hours rows of that day apply, and none is a day off although the salon is open.
export const stylistOwnDays = pgTable(
  "stylist_own_days",
  {
    stylistId: uuid("stylist_id")
      .notNull()
      .references(() => stylists.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
  },
  (t) => [primaryKey({ columns: [t.stylistId, t.weekday] }), check("stylist_own_days_weekday", sql`${t.weekday} between 1 and 7`)],
);
export type StylistOwnDay = typeof stylistOwnDays.$inferSelect;

// One row per working stretch on one of the stylist's own days (the foreign key: a row exists only
// on an own day, and giving the day back to the salon's hours deletes its rows). A day with a lunch
// break is two rows (09:00–12:30, 13:30–18:00).
// Times are wall-clock times in the salon's zone; weekday is ISO (1 = Monday … 7 = Sunday).
export const workingHours = pgTable(
  "working_hours",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stylistId: uuid("stylist_id")
      .notNull()
      .references(() => stylists.id, { onDelete: "cascade" }),
    weekday: smallint("weekday").notNull(),
    startTime: time("start_time").notNull(),
    endTime: time("end_time").notNull(),
  },
  (t) => [
    index("working_hours_stylist_idx").on(t.stylistId, t.weekday),
    foreignKey({
      name: "working_hours_own_day_fk",
      columns: [t.stylistId, t.weekday],
      foreignColumns: [stylistOwnDays.stylistId, stylistOwnDays.weekday],
    }).onDelete("cascade"),
    check("working_hours_weekday", sql`${t.weekday} between 1 and 7`),
    check("working_hours_order", sql`${t.startTime} < ${t.endTime}`),
  ],
);
export type WorkingHours = typeof workingHours.$inferSelect;

// Every active or inactive stylist's effective hours: their own rows on their own days, the salon's
// on the rest. Everything that asks "when does this stylist work" reads this view, so inheritance
// is decided in one place. Defined in SQL by the stylist_own_days_backfill migration (drizzle-kit
// leaves it alone).
export const effectiveHours = pgView("effective_hours", {
  stylistId: uuid("stylist_id").notNull(),
  weekday: smallint("weekday").notNull(),
  startTime: time("start_time").notNull(),
  endTime: time("end_time").notNull(),
}).existing();

// Whole days off, inclusive, as dates in the salon's zone.
export const timeOff = pgTable(
  "time_off",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    stylistId: uuid("stylist_id")
      .notNull()
      .references(() => stylists.id, { onDelete: "cascade" }),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    // Part of one day off (salon-local wall clock, from inclusive to exclusive); null for whole days.
    startTime: time("start_time"),
    endTime: time("end_time"),
    reason: text("reason").notNull().default(""),
  },
  (t) => [
    index("time_off_stylist_idx").on(t.stylistId, t.startDate),
    check("time_off_order", sql`${t.startDate} <= ${t.endDate}`),
    check(
      "time_off_part_day",
      sql`(${t.startTime} is null and ${t.endTime} is null) or (${t.startTime} < ${t.endTime} and ${t.startDate} = ${t.endDate})`,
    ),
  ],
);
export type TimeOff = typeof timeOff.$inferSelect;

export const BOOKING_STATUSES = ["confirmed", "cancelled", "completed", "no_show"] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];

// The exclusion constraint that makes double booking impossible lives in a hand-written
// migration (drizzle-kit cannot express EXCLUDE): see db/migrations/0001_booking_exclusion.sql.
// It covers tstzrange(starts_at, blocked_until): the appointment plus the salon's buffer.
export const bookings = pgTable(
  "bookings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reference: text("reference").notNull().unique(),
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "restrict" }),
    serviceId: uuid("service_id")
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
    stylistId: uuid("stylist_id")
      .notNull()
      .references(() => stylists.id, { onDelete: "restrict" }),
    customerName: text("customer_name").notNull(),
    // Null for a walk-in or phone booking the owner made without an email: no customer mail.
    customerEmail: text("customer_email"),
    customerPhone: text("customer_phone"),
    customerNote: text("customer_note"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    blockedUntil: timestamp("blocked_until", { withTimezone: true }).notNull(),
    status: text("status", { enum: BOOKING_STATUSES }).notNull().default("confirmed"),
    idempotencyKey: text("idempotency_key").notNull().unique(),
    requestHash: text("request_hash").notNull(),
    version: integer("version").notNull().default(1),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("bookings_salon_start_idx").on(t.salonId, t.startsAt),
    index("bookings_stylist_start_idx").on(t.stylistId, t.startsAt),
    index("bookings_service_idx").on(t.serviceId),
    check("bookings_order", sql`${t.startsAt} < ${t.endsAt} and ${t.endsAt} <= ${t.blockedUntil}`),
    check("bookings_status", sql`${t.status} in ('confirmed','cancelled','completed','no_show')`),
  ],
);
export type Booking = typeof bookings.$inferSelect;

// Customers' manage links (/b/{token}). Only the sha256 of a token is stored, never the token;
// a booking may have several valid tokens (one per confirmation page and email sent).
export const bookingManageTokens = pgTable(
  "booking_manage_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    bookingId: uuid("booking_id")
      .notNull()
      .references(() => bookings.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("booking_manage_tokens_booking_idx").on(t.bookingId)],
);
export type BookingManageToken = typeof bookingManageTokens.$inferSelect;

// An event's own life: pending (due at next_attempt_at) → processing (claimed for its fan-out, under
// a lease) → delivering (some channel still has its delivery open) → done (every channel delivered
// or gave up). A channel's own progress is its deliveries row (below).
export const OUTBOX_STATUSES = ["pending", "processing", "delivering", "done"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

// Events written in the same transaction as the change they announce.
// id order is commit order within one aggregate (the booking row lock serialises its writers).
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    aggregateType: text("aggregate_type").notNull(),
    aggregateId: uuid("aggregate_id").notNull(),
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "restrict" }),
    eventType: text("event_type").notNull(),
    // json, not jsonb: the payload is written once and read whole, never queried inside. Stored as
    // its text, it is returned as is (jsonb is re-serialised on every read) and its size cap below
    // is a length, not a conversion to text on every claim and completion (CHECK constraints run on
    // every UPDATE). Together about a quarter of the relay's Postgres time per event (bench:relay).
    payload: json("payload").notNull(),
    status: text("status", { enum: OUTBOX_STATUSES }).notNull().default("pending"),
    // Fan-out attempts that did not finish: leases that lapsed (a relay crashed or overran).
    attempts: integer("attempts").notNull().default(0),
    // When the event is due: its commit (the default) or, for a scheduled event, its due time.
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // After this instant the event is useless to channels that honour it (a confirmation after the
    // appointment began): their deliveries give up instead of trying. Null: never.
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    leaseHolder: text("lease_holder"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    lastError: text("last_error"),
    // Deliveries of this event still pending or in flight; the event is done when it reaches 0.
    // A counter (not a count of rows) so two channels finishing at once cannot both miss the end.
    openDeliveries: integer("open_deliveries").notNull().default(0),
    // Deliveries made during the fan-out itself (inline channels that succeeded at once): channel →
    // commit-to-delivered latency in ms, delivered at next_attempt_at + latency. Kept here rather
    // than as deliveries rows: two row inserts and four index entries fewer per event, which is
    // most of what the relay writes. A delivery that had to wait, retry or give up has its row.
    inlineDeliveries: jsonb("inline_deliveries").$type<Record<string, number>>(),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    // Pending or processing: still the relay's work to fan out. The due index filters on this
    // rather than on status, so a claim (pending → processing) changes no indexed value and is a
    // HOT update.
    queued: boolean("queued")
      .notNull()
      .generatedAlwaysAs(sql`status in ('pending','processing')`),
  },
  // No index may mention status: one that did would make every claim rewrite all of them.
  (t) => [
    // What the relay scans: events due (or scheduled) and in flight.
    index("outbox_due_idx").on(t.nextAttemptAt, t.id).where(sql`${t.queued}`),
    // One salon's: what a salon's own relay run claims (fairness between salons).
    index("outbox_salon_due_idx").on(t.salonId, t.nextAttemptAt, t.id).where(sql`${t.queued}`),
    // Ordering check: is an earlier event of this aggregate still to be fanned out?
    index("outbox_aggregate_idx").on(t.aggregateId, t.id),
    // A salon's events, newest first (its counts).
    index("outbox_salon_idx").on(t.salonId, t.id),
    // Purge, oldest finished first.
    index("outbox_finished_idx").on(t.finishedAt).where(sql`${t.finishedAt} is not null`),
    check("outbox_payload_size", sql`octet_length(${t.payload}::text) <= 16384`),
    check("outbox_status", sql`${t.status} in ('pending','processing','delivering','done')`),
    check("outbox_open_deliveries", sql`${t.openDeliveries} >= 0`),
  ],
);
export type OutboxEvent = typeof outbox.$inferSelect;

export const DELIVERY_STATUSES = ["pending", "processing", "delivered", "given_up"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
// Why a delivery gave up (or last failed): a transient failure until the retry horizon ran out, a
// permanent one (the recipient was refused), the event expired, or relays kept losing its lease.
export const DELIVERY_FAILURES = ["transient", "permanent", "expired", "lease"] as const;
export type DeliveryFailure = (typeof DELIVERY_FAILURES)[number];

// One row per event and channel: each subscriber's own delivery state. Written by the relay when
// it fans an event out (delivered at once, or pending for the channel's own lane), then advanced
// by that channel's lane: retried on its own schedule, in order per aggregate per channel.
export const deliveries = pgTable(
  "deliveries",
  {
    // An outbox event id, without a foreign key: deliveries are written only by the relay, for
    // events it claimed, and deleted with their events by the purge. A key here cost a lookup and
    // a row lock on the outbox per channel per event (bench:relay).
    eventId: bigint("event_id", { mode: "number" }).notNull(),
    channel: text("channel").notNull(),
    // Copied from the event: ordering per aggregate and channel, and a salon's health, without a join.
    aggregateId: uuid("aggregate_id").notNull(),
    salonId: uuid("salon_id").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    // Tries that ended with an outcome (delivered or failed).
    attempts: integer("attempts").notNull().default(0),
    // Tries that ended without one: the lease lapsed (a relay crashed or overran holding it).
    leaseLapses: integer("lease_lapses").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    // A transient failure is retried until then (the retry horizon, or the event's expiry).
    giveUpAt: timestamp("give_up_at", { withTimezone: true }),
    leaseHolder: text("lease_holder"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    lastError: text("last_error"),
    failure: text("failure", { enum: DELIVERY_FAILURES }),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    latencyMs: integer("latency_ms"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Pending or processing: the channel lane's work (a claim keeps it true, so it stays HOT).
    open: boolean("open")
      .notNull()
      .generatedAlwaysAs(sql`status in ('pending','processing')`),
    givenUp: boolean("given_up")
      .notNull()
      .generatedAlwaysAs(sql`status = 'given_up'`),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.channel] }),
    // A channel lane's claim: its open deliveries, oldest due first.
    index("deliveries_due_idx").on(t.channel, t.nextAttemptAt, t.eventId).where(sql`${t.open}`),
    // Ordering check: is an earlier delivery of this aggregate on this channel still open? Not
    // partial, and the check asks for open by status rather than by `open`: a check that matched
    // the due index's predicate could be planned on the due index (statistics from quiet times say
    // open rows are rare), walking the channel's whole backlog once per candidate of every claim.
    index("deliveries_order_idx").on(t.aggregateId, t.channel, t.eventId),
    // A salon's given-up deliveries, newest first (delivery health, Retry).
    index("deliveries_given_up_idx").on(t.salonId, t.eventId).where(sql`${t.givenUp}`),
    check("deliveries_status", sql`${t.status} in ('pending','processing','delivered','given_up')`),
    check("deliveries_failure", sql`${t.failure} is null or ${t.failure} in ('transient','permanent','expired','lease')`),
  ],
);
export type Delivery = typeof deliveries.$inferSelect;

// The owner's dashboard feed. Keyed by the outbox event id: a re-delivery inserts nothing.
export const ownerNotifications = pgTable(
  "owner_notifications",
  {
    eventId: bigint("event_id", { mode: "number" }).primaryKey(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => owners.id, { onDelete: "cascade" }),
    salonId: uuid("salon_id")
      .notNull()
      .references(() => salons.id, { onDelete: "cascade" }),
    bookingId: uuid("booking_id").notNull(),
    eventType: text("event_type").notNull(),
    // The event's payload, copied as is (json, as outbox.payload) and streamed as is.
    payload: json("payload").notNull(),
    createdAt: createdAt(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("owner_notifications_owner_idx").on(t.ownerId, t.eventId),
    index("owner_notifications_salon_idx").on(t.salonId, t.eventId),
  ],
);
export type OwnerNotification = typeof ownerNotifications.$inferSelect;

// Fixed-window counters for every rate limit (lib/rate-limit): one row per limited thing (a
// client address, an email, a salon, a manage link, an account), counted in the window that ends
// at window_end. Kept in the database so every app instance counts against the same limit.
// UNLOGGED (migration 0009): no WAL, emptied after a crash.
export const rateLimits = pgTable("rate_limits", {
  // "<scope>:<digest>": what is limited, never the email or token itself.
  key: text("key").primaryKey(),
  windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
  hits: integer("hits").notNull(),
});
export type RateLimitRow = typeof rateLimits.$inferSelect;
