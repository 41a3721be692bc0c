import type { Database } from "@/db/client";
import { limitBooking, settleBookingLimit } from "@/lib/booking/limit-booking";
import { createBooking } from "@/lib/booking/create-booking";
import { bookingRequestSchema, fieldErrors, idempotencyKeySchema } from "@/lib/booking/schemas";
import { errorResponse, internalErrorResponse, invalidResponse, jsonResponse, rateLimitedResponse, readJsonBody } from "@/lib/http";
import type { ApiCaller } from "./caller";
import { slotToJson } from "./slot-json";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
export const MAX_BOOKING_BODY_BYTES = 16 * 1024;

/**
 * POST /api/v1/bookings. Every refusal is a 4xx decided before anything is written; the booking
 * itself (and its outbox event) is written by createBooking in one transaction. A well-formed
 * request is counted against the rate limits (one statement) before anything else is read.
 */
export async function respondCreateBooking(db: Database, request: Request, options: ApiCaller = {}): Promise<Response> {
  const body = await readJsonBody(request, { maxBytes: MAX_BOOKING_BODY_BYTES });
  if (!body.ok) return errorResponse(body.status, body.body);

  const key = idempotencyKeySchema.safeParse(request.headers.get(IDEMPOTENCY_KEY_HEADER) ?? undefined);
  if (!key.success) {
    const messages = key.error.issues.map((issue) =>
      issue.code === "invalid_type" ? "The Idempotency-Key header is required" : issue.message,
    );
    return invalidResponse({ [IDEMPOTENCY_KEY_HEADER]: messages });
  }

  const input = bookingRequestSchema.safeParse(body.value);
  if (!input.success) return invalidResponse(fieldErrors(input.error));

  try {
    const limit = await limitBooking(db, input.data, options);
    if (!limit.allowed) return rateLimitedResponse(limit.retryAfterSeconds);
    const result = await createBooking(db, input.data, { actor: NEW_CUSTOMER,
      idempotencyKey: key.data,
      now: options.now,
      suppressConfirmationEmail: limit.suppressConfirmationEmail,
    });
    await settleBookingLimit(db, limit, result);
    switch (result.status) {
      case "created":
        return jsonResponse(result.booking, 201);
      case "replayed":
        return jsonResponse(result.booking, 200, { "Idempotent-Replayed": "true" });
      case "idempotency_conflict":
        return errorResponse(422, {
          error: "idempotency_conflict",
          message: "This Idempotency-Key was already used with a different request",
        });
      case "invalid":
        return invalidResponse(result.fieldErrors);
      case "slot_taken":
        return errorResponse(409, { error: "slot_taken", alternatives: result.alternatives.map(slotToJson) });
    }
  } catch (error) {
    return internalErrorResponse(error, { route: "POST /api/v1/bookings", salon: input.data.salon });
  }
}
