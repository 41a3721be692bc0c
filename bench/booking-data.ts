// bench:booking's data: the bench salon, the slots each phase books, and the baselines' two-insert
// transaction (the raw loop runs it here; bench/floor-route.ts runs the same inside the server).
import { randomBytes, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { owners, salons, services, stylists, salonHours } from "@/db/schema";

const STYLISTS = 40;
const SLOT_MS = 15 * 60_000;

/** A salon open 08:00–20:00 UTC every day, with 40 stylists and a 15-minute service, no buffer or notice. */
export async function seedBenchSalon(url: string) {
  const handle = openDatabase({ url, max: 2 });
  await migrate(handle);
  const db = handle.db;
  const suffix = randomBytes(4).toString("hex");
  const [owner] = await db
    .insert(owners)
    .values({ email: `bench-${suffix}@example.test`, name: "Bench owner", passwordHash: "x" })
    .returning();
  const [salon] = await db
    .insert(salons)
    .values({ ownerId: owner.id, slug: `bench-${suffix}`, name: "Bench salon", timeZone: "UTC", bufferMinutes: 0, minNoticeMinutes: 0, cancellationCutoffMinutes: 0, bookingHorizonDays: 730, publishedAt: new Date() })
    .returning();
  const [service] = await db.insert(services).values({ salonId: salon.id, name: "Quick trim", durationMinutes: 15, priceCents: 1000 }).returning();
  const stylistRows = await db
    .insert(stylists)
    .values(Array.from({ length: STYLISTS }, (_, i) => ({ salonId: salon.id, name: `Bench stylist ${i + 1}` })))
    .returning();
  // Every stylist follows the salon's opening hours.
  await db.insert(salonHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ salonId: salon.id, weekday, startTime: "08:00", endTime: "20:00" })));
  await handle.close();
  return { salon, service, stylistIds: stylistRows.map((s) => s.id) };
}

export type Fixture = Awaited<ReturnType<typeof seedBenchSalon>>;

/** Distinct free slots the API offers: every stylist × every 15 minutes of 08:00–20:00 UTC, from the day after tomorrow on. */
export function* apiSlots(stylistIds: string[]) {
  const firstDay = DateTime.utc().startOf("day").plus({ days: 2 });
  for (let day = 0; ; day++) {
    const date = firstDay.plus({ days: day });
    for (let minute = 8 * 60; minute < 20 * 60; minute += 15) {
      const start = date.plus({ minutes: minute }).toISO({ suppressMilliseconds: true })!;
      for (const stylistId of stylistIds) yield { stylistId, start };
    }
  }
}

/** Distinct slots for the baselines, which check no hours: back to back from `from`, round-robin over the stylists. */
export function* baselineSlots(stylistIds: string[], from: string) {
  const base = Date.parse(from);
  for (let n = 0; ; n++) {
    const start = new Date(base + Math.floor(n / stylistIds.length) * SLOT_MS);
    yield { stylistId: stylistIds[n % stylistIds.length], start, end: new Date(start.getTime() + SLOT_MS) };
  }
}

/**
 * The baselines' transaction: a booking and its event (already done, so no relay picks it up).
 * bench/floor-route.ts runs the same statements inside the server: keep the two in step.
 */
export async function insertRawBooking(sql: postgres.Sql, f: Fixture, slot: { stylistId: string; start: Date; end: Date }): Promise<void> {
  const payload = { salon: { id: f.salon.id, name: "Bench salon" }, customer: { name: "Bench Customer", email: "bench@example.test" }, padding: "x".repeat(600) };
  await sql.begin(async (tx) => {
    const [b] = await tx`insert into bookings (reference, salon_id, service_id, stylist_id, customer_name, customer_email, starts_at, ends_at, blocked_until, idempotency_key, request_hash)
      values (${randomBytes(6).toString("hex")}, ${f.salon.id}, ${f.service.id}, ${slot.stylistId}, 'Bench Customer', 'bench@example.test', ${slot.start}, ${slot.end}, ${slot.end}, ${randomUUID()}, 'raw')
      returning id`;
    await tx`insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, status)
      values ('booking', ${b.id}, ${f.salon.id}, 'booking.created', ${sql.json(payload)}, 'done')`;
  });
}
