import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Database } from "@/db/client";
import { salons, services, stylists } from "@/db/schema";
import { slugSchema } from "@/lib/booking/schemas";

export interface SalonSummary {
  id: string;
  slug: string;
  name: string;
  timeZone: string;
  address: string;
}

export interface SalonDetail extends SalonSummary {
  minNoticeMinutes: number;
  bookingHorizonDays: number;
  cancellationCutoffMinutes: number;
  /** "" until the owner sets it. */
  contactPhone: string;
  /** ISO 3166-1 alpha-2, ISO 4217 and BCP 47: how the salon's pages write phones, money, times. */
  country: string;
  currency: string;
  locale: string;
  services: { id: string; name: string; durationMinutes: number; priceCents: number }[];
  stylists: { id: string; name: string }[];
}

// Customers see only published salons: an unpublished one is not listed, its page and its API
// answers are 404s, and its free times are nobody's business. Owners read their salons elsewhere
// (lib/dashboard, lib/salons/settings), so these filters never hide a salon from its owner.
const published = isNotNull(salons.publishedAt);

/** Every salon a customer can book, by name. Public data only: no owner, no settings. */
export async function listSalons(db: Database): Promise<SalonSummary[]> {
  return db
    .select({ id: salons.id, slug: salons.slug, name: salons.name, timeZone: salons.timeZone, address: salons.address })
    .from(salons)
    .where(published)
    .orderBy(asc(salons.name), asc(salons.slug));
}

/**
 * One published salon with its active services and stylists, or null. Services and stylists are filtered by
 * this salon's id, so a row of another salon can never appear here.
 */
export async function getSalonBySlug(db: Database, slug: string): Promise<SalonDetail | null> {
  // A malformed slug cannot name a salon; answering null here keeps junk out of the query.
  if (!slugSchema.safeParse(slug).success) return null;
  const [salon] = await db
    .select({
      id: salons.id,
      slug: salons.slug,
      name: salons.name,
      timeZone: salons.timeZone,
      address: salons.address,
      minNoticeMinutes: salons.minNoticeMinutes,
      bookingHorizonDays: salons.bookingHorizonDays,
      cancellationCutoffMinutes: salons.cancellationCutoffMinutes,
      contactPhone: salons.contactPhone,
      country: salons.country,
      currency: salons.currency,
      locale: salons.locale,
    })
    .from(salons)
    .where(and(eq(salons.slug, slug), published))
    .limit(1);
  if (!salon) return null;
  const [serviceRows, stylistRows] = await Promise.all([
    db
      .select({
        id: services.id,
        name: services.name,
        durationMinutes: services.durationMinutes,
        priceCents: services.priceCents,
      })
      .from(services)
      .where(and(eq(services.salonId, salon.id), eq(services.active, true)))
      .orderBy(asc(services.name), asc(services.id)),
    db
      .select({ id: stylists.id, name: stylists.name })
      .from(stylists)
      .where(and(eq(stylists.salonId, salon.id), eq(stylists.active, true)))
      .orderBy(asc(stylists.name), asc(stylists.id)),
  ]);
  return { ...salon, services: serviceRows, stylists: stylistRows };
}
