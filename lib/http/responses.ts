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

/**
 * The answer to anything unexpected: a structured log line for the operator (with the driver's own
 * message and code), and nothing of it for the client.
 */
export function internalErrorResponse(error: unknown, context: Record<string, unknown>): Response {
  logUnexpectedError(error, context);
  return errorResponse(500, { error: "internal" });
}

export function logUnexpectedError(error: unknown, context: Record<string, unknown>): void {
  log.error("unexpected error", { ...context, ...errorFields(error) });
}
