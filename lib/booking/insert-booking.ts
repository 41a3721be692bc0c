import { randomUUID } from "node:crypto";
import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import type { bookings, Booking } from "@/db/schema";
import { executePrepared } from "@/db/prepared";
import { resultRows } from "@/db/rows";
import type { ActorKind } from "./actor";
import { bookingEventPayload, type BookingEventContext } from "./outbox-event";
import { reminderEvents } from "./reminder-events";
import { stylistCalendarLock } from "./stylist-lock";

export interface InsertBookingOptions {
  manageTokenHash?: string;
  suppressConfirmationEmail?: boolean;
  /** The salon's reminder offsets and the booking's time of making: its reminders commit with it. */
  reminders?: { offsetsMinutes: readonly number[]; now: Date };
  /** Who is booking: recorded in the event, so the owner is not emailed about their own booking. */
  actor: ActorKind;
}

export type NewBookingValues = Omit<typeof bookings.$inferInsert, "id" | "status" | "version" | "createdAt" | "updatedAt">;

/**
 * The only writer of new bookings: inserts the booking and its booking.created outbox event so
 * that neither can exist without the other. Constraint violations (23P01 overlap, 23505 duplicate
 * key or reference, 23514 an event over the outbox's payload cap) propagate to the caller with
 * nothing written. A manage token's hash, when given, commits with them too.
 *
 * The stylist's calendar lock, the booking, its manage token and its event are one statement:
 * every round trip here is paid by every booking. One statement is atomic on its own, so it runs
 * without BEGIN/COMMIT (its implicit transaction holds the lock until it commits); inside a
 * caller's transaction it runs in a savepoint, so a refused booking leaves that transaction
 * usable. The event's payload is built before the insert from the values written — the booking's
 * id is generated here, and its status and version are written explicitly as a new booking's — so
 * it describes exactly the row that commits.
 */
export async function insertBookingWithEvent(
  db: Database,
  values: NewBookingValues,
  context: BookingEventContext,
  // Only the booking core (and tests of this writer) call it; a customer's booking unless it says otherwise.
  options: InsertBookingOptions = { actor: "customer" },
): Promise<Booking> {
  if (is(db, PgTransaction)) return db.transaction((tx) => insertInOneStatement(tx, values, context, options));
  return insertInOneStatement(db, values, context, options);
}

async function insertInOneStatement(
  db: Database,
  values: NewBookingValues,
  context: BookingEventContext,
  options: InsertBookingOptions,
): Promise<Booking> {
  const id = randomUUID();
  const fresh = { status: "confirmed" as const, version: 1 };
  // createdAt and updatedAt are not part of the payload; they are read back below.
  const draft: Booking = { ...values, id, customerEmail: values.customerEmail ?? null, customerPhone: values.customerPhone ?? null, customerNote: values.customerNote ?? null, ...fresh, createdAt: new Date(0), updatedAt: new Date(0) };
  const payload = bookingEventPayload({
    eventType: "booking.created",
    booking: draft,
    context,
    actor: options.actor,
    ...(options.suppressConfirmationEmail ? { customerEmail: "suppressed" as const } : {}),
  });
  // A customer whose address had its confirmations for now gets no reminders either.
  const reminders =
    options.reminders && !options.suppressConfirmationEmail
      ? reminderEvents(draft, context, options.reminders.offsetsMinutes, options.reminders.now).map((r) => ({ payload: r.payload, due_at: r.dueAt.toISOString() }))
      : [];
  const [row] = resultRows<{ created_ms: number; updated_ms: number }>(
    await executePrepared(db, sql`
      with calendar_lock as (
        select ${stylistCalendarLock(values.stylistId)}
      ), booking as (
        insert into bookings (id, reference, salon_id, service_id, stylist_id, customer_name, customer_email,
                              customer_phone, customer_note, starts_at, ends_at, blocked_until, idempotency_key, request_hash,
                              status, version)
        -- selected from the lock, so the lock is held before the row meets the exclusion constraint
        select ${id}::uuid, ${values.reference}, ${values.salonId}::uuid, ${values.serviceId}::uuid, ${values.stylistId}::uuid,
               ${values.customerName}, ${values.customerEmail ?? null}, ${values.customerPhone ?? null}, ${values.customerNote ?? null},
               ${values.startsAt.toISOString()}::timestamptz, ${values.endsAt.toISOString()}::timestamptz,
               ${values.blockedUntil.toISOString()}::timestamptz, ${values.idempotencyKey}, ${values.requestHash},
               ${fresh.status}, ${fresh.version}::int
        from calendar_lock
        returning id, salon_id, created_at, updated_at
      ), token as (
        insert into booking_manage_tokens (token_hash, booking_id)
        select ${options.manageTokenHash ?? null}::text, id from booking where ${options.manageTokenHash ?? null}::text is not null
      ), event as (
        insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, expires_at)
        select 'booking', id, salon_id, 'booking.created', ${JSON.stringify(payload)}::json,
               ${values.startsAt.toISOString()}::timestamptz
        from booking
        returning id
      ), reminders as (
        -- Scheduled for their due times (lib/booking/reminder-events.ts); selected from the event so
        -- they are numbered after it.
        insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, next_attempt_at, expires_at)
        select 'booking', booking.id, booking.salon_id, 'booking.reminder', r.payload, r.due_at,
               ${values.startsAt.toISOString()}::timestamptz
        from booking, event, json_to_recordset(${JSON.stringify(reminders)}::json) as r(payload json, due_at timestamptz)
      )
      select (extract(epoch from created_at) * 1000)::float8 as created_ms,
             (extract(epoch from updated_at) * 1000)::float8 as updated_ms
      from booking
    `),
  );
  return { ...draft, createdAt: new Date(Number(row.created_ms)), updatedAt: new Date(Number(row.updated_ms)) };
}
