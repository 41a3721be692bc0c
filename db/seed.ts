import { sql } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Database } from "./client";
import { owners, salonHours, salons, services, stylistOwnDays, stylists, timeOff } from "./schema";

/** Demo owners; their passwords are in README.md and on the sign-in page in development. */
export const DEMO_OWNERS = [
  { email: "ava@example.com", name: "Ava Thompson", password: "demo-password-ava" },
  { email: "marcus@example.com", name: "Marcus Reed", password: "demo-password-marcus" },
] as const;

type SeedSalon = {
  owner: number;
  slug: string;
  name: string;
  timeZone: string;
  address: string;
  bufferMinutes: number;
  /** The salon's phone, country (ISO 3166-1), currency (ISO 4217) and locale (BCP 47). */
  contact: { contactPhone: string; country: string; currency: string; locale: string };
  services: { name: string; durationMinutes: number; priceCents: number }[];
  stylists: string[];
};

const SEED_SALONS: SeedSalon[] = [
  {
    owner: 0,
    slug: "shoreditch-cuts",
    name: "Shoreditch Cuts",
    timeZone: "Europe/London",
    address: "12 Rivington Street, London EC2A 3DU",
    bufferMinutes: 10,
    contact: { contactPhone: "020 7946 0321", country: "GB", currency: "GBP", locale: "en-GB" },
    services: [
      { name: "Women's cut & blow-dry", durationMinutes: 60, priceCents: 5500 },
      { name: "Men's cut", durationMinutes: 30, priceCents: 3000 },
      { name: "Full colour", durationMinutes: 120, priceCents: 11000 },
    ],
    stylists: ["Priya", "Tom", "Isla"],
  },
  {
    owner: 0,
    slug: "brooklyn-blowout",
    name: "Brooklyn Blowout Bar",
    timeZone: "America/New_York",
    address: "210 Bedford Avenue, Brooklyn, NY 11249",
    bufferMinutes: 5,
    contact: { contactPhone: "(718) 555-0134", country: "US", currency: "USD", locale: "en-US" },
    services: [
      { name: "Blowout", durationMinutes: 45, priceCents: 4500 },
      { name: "Cut & style", durationMinutes: 60, priceCents: 7500 },
      { name: "Beard trim", durationMinutes: 20, priceCents: 2500 },
    ],
    stylists: ["Jasmine", "Carlos"],
  },
  {
    owner: 1,
    slug: "mission-mane",
    name: "Mission Mane",
    timeZone: "America/Los_Angeles",
    address: "3120 16th Street, San Francisco, CA 94103",
    bufferMinutes: 0,
    contact: { contactPhone: "(415) 555-0172", country: "US", currency: "USD", locale: "en-US" },
    services: [
      { name: "Cut", durationMinutes: 45, priceCents: 6000 },
      { name: "Highlights", durationMinutes: 90, priceCents: 14000 },
    ],
    stylists: ["Noor", "Eli"],
  },
];

// Monday–Saturday with a lunch break; Sunday off. One stylist also has Monday off.
const DAY_HOURS = [
  { startTime: "09:00", endTime: "12:30" },
  { startTime: "13:30", endTime: "18:00" },
];

/** Seeds demo owners and salons into an empty database. Returns false if data was already there. */
export async function seedIfEmpty(db: Database): Promise<boolean> {
  const [{ count }] = await db.select({ count: sql<number>`count(*)::int` }).from(owners);
  if (count > 0) return false;
  await seedDemoData(db);
  return true;
}

export async function seedDemoData(db: Database): Promise<void> {
  const ownerRows: (typeof owners.$inferInsert)[] = [];
  for (const o of DEMO_OWNERS) {
    ownerRows.push({ email: o.email, name: o.name, passwordHash: await hashPassword(o.password) });
  }
  await db.transaction(async (tx) => {
    const ownerIds = await tx.insert(owners).values(ownerRows).returning({ id: owners.id });
    for (const s of SEED_SALONS) {
      const [salon] = await tx
        .insert(salons)
        .values({
          ownerId: ownerIds[s.owner].id,
          slug: s.slug,
          name: s.name,
          timeZone: s.timeZone,
          address: s.address,
          bufferMinutes: s.bufferMinutes,
          minNoticeMinutes: 60,
          cancellationCutoffMinutes: 120,
          publishedAt: new Date(),
          ...s.contact,
        })
        .returning({ id: salons.id });
      await tx.insert(services).values(s.services.map((svc) => ({ ...svc, salonId: salon.id })));
      const stylistRows = await tx
        .insert(stylists)
        .values(s.stylists.map((name) => ({ name, salonId: salon.id })))
        .returning({ id: stylists.id });
      // The salon opens Monday to Saturday and its stylists follow those hours, except that the
      // second one sets Monday themselves with no hours: their day off while the salon is open.
      await tx.insert(salonHours).values([1, 2, 3, 4, 5, 6].flatMap((weekday) => DAY_HOURS.map((h) => ({ ...h, weekday, salonId: salon.id }))));
      await tx.insert(stylistOwnDays).values({ stylistId: stylistRows[1].id, weekday: 1 });
      // A day off a week from now, so the demo shows a gap in the first stylist's calendar.
      const dayOff = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      await tx.insert(timeOff).values({
        stylistId: stylistRows[0].id,
        startDate: dayOff,
        endDate: dayOff,
        reason: "Day off",
      });
    }
  });
}
