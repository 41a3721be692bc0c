import { createHash } from "node:crypto";
import type { BookingRequest } from "./schemas";

/**
 * sha256 of the validated request in a canonical form: keys sorted, absent optionals as null and
 * the start as a UTC instant, so the same booking written two ways hashes the same while any real
 * difference (another slot, stylist or customer) does not.
 */
export function hashBookingRequest(request: BookingRequest, by: "customer" | "owner" = "customer"): string {
  const canonical = {
    // An owner's request never replays a customer's booking, nor the other way round.
    ...(by === "owner" ? { by } : {}),
    salon: request.salon,
    serviceId: request.serviceId.toLowerCase(),
    stylistId: request.stylistId?.toLowerCase() ?? null,
    start: new Date(request.start).toISOString(),
    customer: {
      name: request.customer.name,
      email: request.customer.email ?? null,
      phone: request.customer.phone ?? null,
      note: request.customer.note ?? null,
    },
  };
  return createHash("sha256").update(canonicalJson(canonical)).digest("hex");
}

/** JSON with object keys in sorted order at every level. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}
