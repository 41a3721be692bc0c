import { isDatabaseUnavailable } from "@/lib/db-errors";
import { errorFields, log } from "@/lib/log";
import type { ApiErrorBody } from "./read-json-body";

// JSON answers for the public API. Every answer is uncacheable: availability changes with every booking.

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}

export function errorResponse(status: number, body: ApiErrorBody, headers: Record<string, string> = {}): Response {
  return jsonResponse(body, status, headers);
}

export function invalidResponse(fieldErrors: Record<string, string[]>): Response {
  return errorResponse(400, { error: "invalid", fieldErrors });
}

/** 429: over a rate limit. Retry-After says when the window that refused it ends. */
export function rateLimitedResponse(retryAfterSeconds: number): Response {
  return errorResponse(429, { error: "rate_limited" }, { "Retry-After": String(retryAfterSeconds) });
}

export function notFoundResponse(): Response {
  return errorResponse(404, { error: "not_found" });
}

/** Seconds a client should wait before trying again while the database is unreachable. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** 503 with Retry-After: the database cannot be reached; nothing was written, try again shortly. */
export function unavailableResponse(): Response {
  return errorResponse(
    503,
    { error: "unavailable", message: "The service is briefly unavailable. Nothing was saved; please try again shortly." },
    { "Retry-After": String(UNAVAILABLE_RETRY_AFTER_SECONDS) },
  );
}

/**
 * The answer to anything unexpected: a structured log line for the operator (with the driver's own
 * message and code), and nothing of it for the client. An unreachable database is a 503 with
 * Retry-After, not a 500: the request was fine and will work again.
 */
export function internalErrorResponse(error: unknown, context: Record<string, unknown>): Response {
  logUnexpectedError(error, context);
  return isDatabaseUnavailable(error) ? unavailableResponse() : errorResponse(500, { error: "internal" });
}

export function logUnexpectedError(error: unknown, context: Record<string, unknown>): void {
  log.error("unexpected error", { ...context, ...errorFields(error) });
}
