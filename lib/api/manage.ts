import type { Database } from "@/db/client";
import { cancelBookingByToken } from "@/lib/booking/cancel-booking";
import { tooLateMessage } from "@/lib/booking/cutoff";
import { getManagedBooking, type ManagedBooking } from "@/lib/booking/manage-booking";
import { limitManageLink } from "@/lib/booking/limit-manage";
import { isWellFormedManageToken } from "@/lib/booking/manage-token";
import { rescheduleBookingByToken } from "@/lib/booking/reschedule-booking";
import {
  errorResponse,
  internalErrorResponse,
  invalidResponse,
  jsonResponse,
  notFoundResponse,
  rateLimitedResponse,
  readBodyCapped,
  readJsonBody,
} from "@/lib/http";
import type { ApiCaller } from "./caller";
import { slotToJson } from "./slot-json";

// /api/v1/manage/{token}: the customer's manage link as an API. The token is the only authority
// (no session); a malformed, guessed or truncated token is a 404, like an unknown one. Every
// refusal is decided before anything is written.

export const MAX_MANAGE_BODY_BYTES = 4 * 1024;

const cancelledBody = { error: "cancelled", message: "This booking has been cancelled and can no longer be changed" };
const notActiveBody = { error: "not_active", message: "This booking is completed or was missed and can no longer be changed" };

/** The booking as the customer may see it (no contact details beyond the name). */
export function managedBookingToJson(m: ManagedBooking) {
  return {
    id: m.id,
    reference: m.reference,
    status: m.status,
    salon: { slug: m.salon.slug, name: m.salon.name, address: m.salon.address, timeZone: m.salon.timeZone },
    service: { id: m.service.id, name: m.service.name, durationMinutes: m.service.durationMinutes },
    stylist: { id: m.stylist.id, name: m.stylist.name },
    start: m.start.toISOString(),
    end: m.end.toISOString(),
    local: m.startLocal,
    customerName: m.customerName,
    cancellationCutoffMinutes: m.cutoffMinutes,
    changeableUntil: m.changeDeadline.toISOString(),
    canChange: m.changeable,
    ...(m.lockedReason ? { lockedReason: m.lockedReason } : {}),
  };
}

/** The 429 for a manage-link request over its limits (lib/booking/limit-manage.ts), or null. */
async function limitManage(db: Database, token: string, options: ApiCaller): Promise<Response | null> {
  const verdict = await limitManageLink(db, token, options);
  return verdict.allowed ? null : rateLimitedResponse(verdict.retryAfterSeconds);
}

/** GET /api/v1/manage/{token} */
export async function respondManagedBooking(db: Database, token: string, options: ApiCaller = {}): Promise<Response> {
  try {
    const limited = await limitManage(db, token, options);
    if (limited) return limited;
    if (!isWellFormedManageToken(token)) return notFoundResponse();
    const managed = await getManagedBooking(db, token, options.now);
    return managed ? jsonResponse(managedBookingToJson(managed)) : notFoundResponse();
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/manage/{token}" });
  }
}

/** POST /api/v1/manage/{token}/reschedule with {"start", "stylistId"?} */
export async function respondRescheduleBooking(
  db: Database,
  token: string,
  request: Request,
  options: ApiCaller = {},
): Promise<Response> {
  const body = await readJsonBody(request, { maxBytes: MAX_MANAGE_BODY_BYTES });
  if (!body.ok) return errorResponse(body.status, body.body);
  try {
    const limited = await limitManage(db, token, options);
    if (limited) return limited;
    if (!isWellFormedManageToken(token)) return notFoundResponse();
    const result = await rescheduleBookingByToken(db, token, body.value, { now: options.now });
    switch (result.status) {
      case "rescheduled":
        return jsonResponse(result.booking);
      case "not_found":
        return notFoundResponse();
      case "invalid":
        return invalidResponse(result.fieldErrors);
      case "slot_taken":
        return errorResponse(409, { error: "slot_taken", alternatives: result.alternatives.map(slotToJson) });
      case "too_late":
        return errorResponse(409, { error: "too_late", cutoffMinutes: result.cutoffMinutes, message: tooLateMessage(result.cutoffMinutes) });
      case "cancelled":
        return errorResponse(409, cancelledBody);
      case "not_active":
        return errorResponse(409, notActiveBody);
    }
  } catch (error) {
    return internalErrorResponse(error, { route: "POST /api/v1/manage/{token}/reschedule" });
  }
}

/** POST /api/v1/manage/{token}/cancel — no body needed; one, if sent, must be a small JSON object. */
export async function respondCancelBooking(db: Database, token: string, request: Request, options: ApiCaller = {}): Promise<Response> {
  const refused = await refuseBadOptionalBody(request);
  if (refused) return refused;
  try {
    const limited = await limitManage(db, token, options);
    if (limited) return limited;
    if (!isWellFormedManageToken(token)) return notFoundResponse();
    const result = await cancelBookingByToken(db, token, { now: options.now });
    switch (result.status) {
      case "cancelled":
        return jsonResponse(result.booking);
      case "not_found":
        return notFoundResponse();
      case "already_cancelled":
        return errorResponse(409, { error: "already_cancelled", message: "This booking is already cancelled" });
      case "not_active":
        return errorResponse(409, notActiveBody);
      case "too_late":
        return errorResponse(409, { error: "too_late", cutoffMinutes: result.cutoffMinutes, message: tooLateMessage(result.cutoffMinutes) });
    }
  } catch (error) {
    return internalErrorResponse(error, { route: "POST /api/v1/manage/{token}/cancel" });
  }
}

/** A body without Content-Type must be empty; one with it must be a JSON object. Null when acceptable. */
async function refuseBadOptionalBody(request: Request): Promise<Response | null> {
  if (request.headers.get("content-type") === null) {
    const bytes = await readBodyCapped(request, MAX_MANAGE_BODY_BYTES).catch(() => new Uint8Array(0));
    if (bytes === null) return errorResponse(413, { error: "payload_too_large" });
    if (bytes.byteLength === 0) return null;
    return errorResponse(415, { error: "unsupported_media_type", message: "Send no body, or a JSON object as application/json" });
  }
  const body = await readJsonBody(request, { maxBytes: MAX_MANAGE_BODY_BYTES });
  if (!body.ok) return errorResponse(body.status, body.body);
  if (typeof body.value !== "object" || body.value === null || Array.isArray(body.value)) {
    return invalidResponse({ body: ["Send no body, or a JSON object"] });
  }
  return null;
}
