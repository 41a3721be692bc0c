import type { Database } from "@/db/client";
import { phoneProblem } from "@/lib/text/phone";
import type { Salon } from "@/db/schema";
import { checkStart, unavailableMessage } from "@/lib/availability/check-start";
import type { Slot } from "@/lib/availability/compute-slots";
import { findNearestSlots } from "@/lib/availability/find-nearest-slots";
import { loadSalonSchedule, type LoadedSchedule } from "@/lib/availability/load-schedule";
import { PG_EXCLUSION_VIOLATION, PG_UNIQUE_VIOLATION, pgConstraintName, pgErrorCode, retryOnDeadlock } from "@/lib/db-errors";
import { nudgeRelay } from "@/lib/outbox/nudge";
import { findBookingByIdempotencyKey, toBookingView, type BookingView } from "./booking-view";
import { UnknownEntityError } from "./errors";
import { insertBookingWithEvent } from "./insert-booking";
import { logBookingError } from "./log";
import { hashManageToken, mintManageToken, newManageToken } from "./manage-token";
import { newBookingReference } from "./reference";
import { hashBookingRequest } from "./request-hash";
import type { ActorKind, BookingActor } from "./actor";
import { rulesFor } from "./owner-rules";
import {
  bookingRequestSchema,
  ownerBookingRequestSchema,
  fieldErrors,
  idempotencyKeySchema,
  MAX_BOOKING_HORIZON_DAYS,
  type BookingRequest,
  type BookingRequestInput,
} from "./schemas";

export type { BookingView } from "./booking-view";

/** A booking as its maker is told about it: with a manage token minted for this answer. */
export type OwnBookingView = BookingView & { manageToken: string };

export type CreateBookingResult =
  | { status: "created"; booking: OwnBookingView }
  /**
   * The same idempotency key with the same request: the booking it made before, with a fresh
   * manage token (the key is unguessable, so whoever replays it made the booking).
   */
  | { status: "replayed"; booking: OwnBookingView }
  /** The same idempotency key with a different request. */
  | { status: "idempotency_conflict" }
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  /** Someone else holds the slot; up to five nearest free slots for the same service (and stylist). */
  | { status: "slot_taken"; alternatives: Slot[]; timeZone: string; locale: string };

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const REFERENCE_ATTEMPTS = 5;

type Attempt = { kind: "created"; view: OwnBookingView } | { kind: "overlap" } | { kind: "duplicate_key" };

/**
 * The booking core behind every entry point. Reads decide what to try; the exclusion constraint
 * alone decides who gets a slot, so a lost race answers slot_taken, never an error.
 */
export async function createBooking(
  db: Database,
  input: BookingRequest | BookingRequestInput,
  options: {
    idempotencyKey: string;
    /** A customer (form, API), or the salon's owner, who may book only at their own salons and under owner rules (owner-rules.ts). */
    actor: BookingActor;
    now?: Date;
    /** The customer's address has had its confirmations for now (rate limit): the event says not to email it. */
    suppressConfirmationEmail?: boolean;
  },
): Promise<CreateBookingResult> {
  // Callers validate too; this core still refuses anything it did not check itself.
  const actor = options.actor;
  const parsed = (actor.by === "owner" ? ownerBookingRequestSchema : bookingRequestSchema).safeParse(input);
  const key = idempotencyKeySchema.safeParse(options.idempotencyKey);
  if (!parsed.success || !key.success) {
    return invalid({
      ...(parsed.success ? {} : fieldErrors(parsed.error)),
      ...(key.success ? {} : { idempotencyKey: key.error.issues.map((i) => i.message) }),
    });
  }
  const request = parsed.data;
  const idempotencyKey = key.data;
  const now = options.now ?? new Date();
  const requestHash = hashBookingRequest(request, actor.by);
  const start = new Date(request.start);
  // No salon opens bookings further ahead than this (so no replay can be of such a booking either):
  // refused before any lookup.
  if (start.getTime() > now.getTime() + MAX_BOOKING_HORIZON_DAYS * DAY_MS) {
    return invalid({ start: [unavailableMessage("too_far", { minNoticeMinutes: 0, anyStylist: true })] });
  }

  // One read for the salon and the schedule around the requested start. The idempotency key is
  // looked up only when this request cannot simply create its booking: a fresh key is the common
  // case, and a key that was used before is caught by its unique index at insert time anyway.
  let loaded: { salon: Salon; schedule: LoadedSchedule } | undefined;
  try {
    loaded = await loadSalonSchedule(db, request.salon, { serviceId: request.serviceId, stylistId: request.stylistId, on: start });
  } catch (error) {
    if (error instanceof UnknownEntityError) return (await earlierAnswer(db, idempotencyKey, requestHash)) ?? invalid({ [error.field]: [error.message] });
    throw error;
  }
  // An owner's salon that is not theirs is as unknown as one that does not exist; so, to a
  // customer, is a salon its owner has not published (an owner may fill its calendar beforehand).
  if (!loaded || (actor.by === "owner" ? !actor.salonIds.includes(loaded.salon.id) : !loaded.salon.publishedAt)) {
    return (await earlierAnswer(db, idempotencyKey, requestHash)) ?? invalid({ salon: ["Unknown salon"] });
  }
  const { salon, schedule } = loaded;
  // A number is read in the salon's country unless it carries its own "+country code".
  const phoneError = request.customer.phone ? phoneProblem(request.customer.phone, salon.country) : undefined;
  if (phoneError) return (await earlierAnswer(db, idempotencyKey, requestHash)) ?? invalid({ "customer.phone": [phoneError] });

  const check = checkStart({ ...schedule.input, rules: rulesFor(actor, schedule.input.rules), now }, start);
  if (check.kind === "unavailable") {
    // A replay of a booking whose time has since passed is still a replay.
    const earlier = await earlierAnswer(db, idempotencyKey, requestHash);
    if (earlier) return earlier;
    const rules = { minNoticeMinutes: salon.minNoticeMinutes, anyStylist: !request.stylistId, bookingHorizonDays: salon.bookingHorizonDays };
    return invalid({ start: [unavailableMessage(check.reason, rules)] });
  }

  // "Any stylist" tries each free stylist in preference order, each in its own transaction.
  for (const stylistId of check.free) {
    const attempt = await attemptInsert(db, {
      request,
      salon,
      schedule,
      stylistId,
      start,
      idempotencyKey,
      requestHash,
      suppressConfirmationEmail: options.suppressConfirmationEmail ?? false,
      actor: actor.by,
      now,
    });
    if (attempt.kind === "created") {
      nudgeRelay(salon.id);
      return { status: "created", booking: attempt.view };
    }
    // Our key is taken: a twin request won; answered below. An overlap: try the next stylist.
    if (attempt.kind === "duplicate_key") break;
  }
  // The key made a booking before — this request's replay, or a twin request that committed
  // meanwhile (so we saw its slot as busy, or collided with it): answer with it, not a lost race.
  const earlier = await earlierAnswer(db, idempotencyKey, requestHash);
  if (earlier) return earlier;
  const alternatives = await findNearestSlots(db, salon, {
    serviceId: request.serviceId,
    stylistId: request.stylistId,
    around: start,
    now,
  });
  return { status: "slot_taken", alternatives, timeZone: salon.timeZone, locale: salon.locale };
}

async function attemptInsert(
  db: Database,
  a: {
    request: BookingRequest;
    salon: Salon;
    schedule: LoadedSchedule;
    stylistId: string;
    start: Date;
    idempotencyKey: string;
    requestHash: string;
    suppressConfirmationEmail: boolean;
    actor: ActorKind;
    now: Date;
  },
): Promise<Attempt> {
  const { salon, schedule, request } = a;
  const endsAt = new Date(a.start.getTime() + schedule.service.durationMinutes * MINUTE_MS);
  const blockedUntil = new Date(endsAt.getTime() + salon.bufferMinutes * MINUTE_MS);
  const stylist = { id: a.stylistId, name: schedule.stylistNames.get(a.stylistId) ?? "" };
  const manageToken = newManageToken();

  for (let tries = 1; ; tries++) {
    try {
      const values = {
        reference: newBookingReference(),
        salonId: salon.id,
        serviceId: schedule.service.id,
        stylistId: a.stylistId,
        customerName: request.customer.name,
        customerEmail: request.customer.email ?? null,
        customerPhone: request.customer.phone ?? null,
        customerNote: request.customer.note ?? null,
        startsAt: a.start,
        endsAt,
        blockedUntil,
        idempotencyKey: a.idempotencyKey,
        requestHash: a.requestHash,
      };
      const context = { salon, service: schedule.service, stylist };
      const extras = {
        manageTokenHash: hashManageToken(manageToken),
        suppressConfirmationEmail: a.suppressConfirmationEmail,
        reminders: { offsetsMinutes: salon.reminderOffsetsMinutes, now: a.now },
        actor: a.actor,
      };
      const booking = await retryOnDeadlock(() => insertBookingWithEvent(db, values, context, extras));
      return { kind: "created", view: { ...toBookingView(booking, salon), manageToken } };
    } catch (error) {
      const code = pgErrorCode(error);
      const constraint = pgConstraintName(error);
      if (code === PG_EXCLUSION_VIOLATION) return { kind: "overlap" };
      if (code === PG_UNIQUE_VIOLATION && constraint === "bookings_idempotency_key_unique") return { kind: "duplicate_key" };
      if (code === PG_UNIQUE_VIOLATION && constraint === "bookings_reference_unique" && tries < REFERENCE_ATTEMPTS) continue;
      logBookingError("booking insert failed", error, { salonId: salon.id, stylistId: a.stylistId, start: a.start.toISOString() });
      throw error;
    }
  }
}

/** What an earlier use of this idempotency key answers: its replay, or a conflict; undefined if none. */
async function earlierAnswer(db: Database, idempotencyKey: string, requestHash: string): Promise<CreateBookingResult | undefined> {
  const earlier = await findBookingByIdempotencyKey(db, idempotencyKey);
  if (!earlier) return undefined;
  if (earlier.requestHash !== requestHash) return { status: "idempotency_conflict" };
  const manageToken = await mintManageToken(db, earlier.view.id);
  return { status: "replayed", booking: { ...earlier.view, manageToken } };
}

function invalid(errors: Record<string, string[]>): CreateBookingResult {
  return { status: "invalid", fieldErrors: errors };
}
