import type { Database } from "@/db/client";
import { listAvailableSlots } from "@/lib/availability";
import { limitAvailability } from "@/lib/availability/limit-availability";
import { availabilityQuerySchema, fieldErrors } from "@/lib/booking/schemas";
import { internalErrorResponse, invalidResponse, jsonResponse, notFoundResponse, rateLimitedResponse } from "@/lib/http";
import type { ApiCaller } from "./caller";
import { getSalonBySlug, listSalons } from "@/lib/salons";
import { availabilityErrorFields, slotToJson } from "./slot-json";

// The read side of /api/v1: framework-free, so tests call these with a test database.

/** GET /api/v1/salons → [{ slug, name, timeZone }] */
export async function respondSalonList(db: Database): Promise<Response> {
  try {
    const rows = await listSalons(db);
    return jsonResponse(rows.map((s) => ({ slug: s.slug, name: s.name, timeZone: s.timeZone })));
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/salons" });
  }
}

/**
 * GET /api/v1/salons/{slug} → { slug, name, timeZone, contactPhone, country, currency, locale,
 * services, stylists }, or 404. The locale fields let a client write prices and times as the
 * salon's own pages do.
 */
export async function respondSalon(db: Database, slug: string): Promise<Response> {
  try {
    const salon = await getSalonBySlug(db, slug);
    if (!salon) return notFoundResponse();
    return jsonResponse({
      slug: salon.slug,
      name: salon.name,
      timeZone: salon.timeZone,
      contactPhone: salon.contactPhone,
      country: salon.country,
      currency: salon.currency,
      locale: salon.locale,
      services: salon.services.map((s) => ({
        id: s.id,
        name: s.name,
        durationMinutes: s.durationMinutes,
        priceCents: s.priceCents,
      })),
      stylists: salon.stylists.map((s) => ({ id: s.id, name: s.name })),
    });
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/salons/{slug}" });
  }
}

/** Query parameters as the schema expects them: an empty `stylistId=` or `to=` means "not given". */
function availabilityParams(params: URLSearchParams): Record<string, string | undefined> {
  const read = (name: string) => {
    const value = params.get(name);
    return value === null || value === "" ? undefined : value;
  };
  return { serviceId: read("serviceId"), stylistId: read("stylistId"), from: read("from"), to: read("to") };
}

/** GET /api/v1/salons/{slug}/availability?serviceId=&stylistId=&from=&to= */
export async function respondAvailability(db: Database, slug: string, params: URLSearchParams, options: ApiCaller = {}): Promise<Response> {
  const parsed = availabilityQuerySchema.safeParse(availabilityParams(params));
  if (!parsed.success) return invalidResponse(fieldErrors(parsed.error));
  try {
    const limit = await limitAvailability(db, slug, options);
    if (!limit.allowed) return rateLimitedResponse(limit.retryAfterSeconds);
    const salon = await getSalonBySlug(db, slug);
    if (!salon) return notFoundResponse();
    const { timeZone, slots } = await listAvailableSlots(db, { salonId: salon.id, ...parsed.data, now: options.now });
    return jsonResponse({ timeZone, slots: slots.map(slotToJson) });
  } catch (error) {
    const fields = availabilityErrorFields(error);
    if (fields) return invalidResponse(fields);
    return internalErrorResponse(error, { route: "GET /api/v1/salons/{slug}/availability", slug });
  }
}
