// npm run bench:booking — booking throughput and latency through the production server on
// Postgres, against a plain postgres.js loop doing the same two inserts in the same run.
// Prints progress on stderr and one JSON line with every figure last on stdout.
import { randomBytes, randomUUID } from "node:crypto";
import http from "node:http";
import { DateTime } from "luxon";
import postgres from "postgres";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { owners, salons, services, stylists, workingHours } from "@/db/schema";
import { benchDatabase, benchRateLimits, log, percentile, startServer } from "./lib";

const CONNECTIONS = 32;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
const CONTENDERS = 200;
const STYLISTS = 40;
const PORT = Number(process.env.BENCH_PORT ?? 3210);

async function seedBenchSalon(url: string) {
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
    .values({ ownerId: owner.id, slug: `bench-${suffix}`, name: "Bench salon", timeZone: "UTC", bufferMinutes: 0, minNoticeMinutes: 0, cancellationCutoffMinutes: 0, bookingHorizonDays: 730 })
    .returning();
  const [service] = await db.insert(services).values({ salonId: salon.id, name: "Quick trim", durationMinutes: 15, priceCents: 1000 }).returning();
  const stylistRows = await db
    .insert(stylists)
    .values(Array.from({ length: STYLISTS }, (_, i) => ({ salonId: salon.id, name: `Bench stylist ${i + 1}` })))
    .returning();
  for (const stylist of stylistRows) {
    await db.insert(workingHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ stylistId: stylist.id, weekday, startTime: "08:00", endTime: "20:00" })));
  }
  await handle.close();
  return { salon, service, stylistIds: stylistRows.map((s) => s.id) };
}

/** Distinct free slots: every stylist × every 15 minutes of every day from tomorrow on. */
function* slotGenerator(stylistIds: string[], firstDay: DateTime) {
  for (let day = 0; ; day++) {
    const date = firstDay.plus({ days: day });
    for (let minute = 8 * 60; minute < 20 * 60; minute += 15) {
      const start = date.plus({ minutes: minute }).toUTC().toISO({ suppressMilliseconds: true })!;
      for (const stylistId of stylistIds) yield { stylistId, start };
    }
  }
}

// node:http with keep-alive agents rather than fetch: the load generator shares the machine's two
// cores with the server and Postgres, and fetch costs it several times the CPU per request.
const apiAgent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
const contentionAgent = new http.Agent({ keepAlive: true, maxSockets: CONTENDERS });

function postBooking(base: string, body: unknown, agent = apiAgent): Promise<{ status: number; ms: number }> {
  const url = new URL("/api/v1/bookings", base);
  const payload = JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), "idempotency-key": randomUUID() },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function driveApi(base: string, salonSlug: string, serviceId: string, slots: Generator<{ stylistId: string; start: string }>) {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const slot = slots.next().value!;
        const body = { salon: salonSlug, serviceId, stylistId: slot.stylistId, start: slot.start, customer: { name: "Bench Customer", email: "bench@example.test" } };
        try {
          const { status, ms } = await postBooking(base, body);
          if (status === 201) latencies.push(ms);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { count: latencies.length, latencies, errors };
}

/** The same two inserts as a booking, in one transaction, straight through postgres.js. */
async function driveRawInserts(url: string, salonId: string, serviceId: string, stylistIds: string[]) {
  const sql = postgres(url, { max: CONNECTIONS, onnotice: () => {} });
  const payload = { salon: { id: salonId, name: "Bench salon" }, customer: { name: "Bench Customer", email: "bench@example.test" }, padding: "x".repeat(600) };
  let done = 0;
  let next = 0;
  const base = Date.UTC(2031, 0, 1);
  const deadline = Date.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      while (Date.now() < deadline) {
        const n = next++;
        const start = new Date(base + Math.floor(n / stylistIds.length) * 15 * 60_000);
        const end = new Date(start.getTime() + 15 * 60_000);
        await sql.begin(async (tx) => {
          const [b] = await tx`insert into bookings (reference, salon_id, service_id, stylist_id, customer_name, customer_email, starts_at, ends_at, blocked_until, idempotency_key, request_hash)
            values (${randomBytes(6).toString("hex")}, ${salonId}, ${serviceId}, ${stylistIds[n % stylistIds.length]}, 'Bench Customer', 'bench@example.test', ${start}, ${end}, ${end}, ${randomUUID()}, 'raw')
            returning id`;
          await tx`insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, status)
            values ('booking', ${b.id}, ${salonId}, 'booking.created', ${sql.json(payload)}, 'sent')`;
        });
        done++;
      }
    }),
  );
  await sql.end();
  return done / (DURATION_MS / 1000);
}

async function contend(base: string, salonSlug: string, serviceId: string, stylistId: string, start: string) {
  const body = { salon: salonSlug, serviceId, stylistId, start, customer: { name: "Contender", email: "contender@example.test" } };
  const results = await Promise.all(Array.from({ length: CONTENDERS }, () => postBooking(base, body, contentionAgent).catch(() => ({ status: 0, ms: 0 }))));
  const winners = results.filter((r) => r.status === 201).length;
  const unexpected = results.filter((r) => r.status !== 201 && r.status !== 409).length;
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  return { winners, unexpected, p99: percentile(ms, 99) };
}

async function main() {
  const database = await benchDatabase("salon_bench_booking");
  const { salon, service, stylistIds } = await seedBenchSalon(database.url);
  log("seeded bench salon", { slug: salon.slug, stylists: stylistIds.length });
  // The embedded relay runs inside the server as in production; its mail goes to a scratch folder.
  const server = await startServer(PORT, { DATABASE_URL: database.url, DATA_DIR: "bench/.tmp/booking", AUTH_SECRET: randomBytes(32).toString("base64"), ...benchRateLimits() });
  try {
    const firstDay = DateTime.utc().startOf("day").plus({ days: 2 });
    const slots = slotGenerator(stylistIds, firstDay);
    // A short warm-up so the first JIT and connection costs do not count.
    for (let i = 0; i < 50; i++) {
      const slot = slots.next().value!;
      await postBooking(server.url, { salon: salon.slug, serviceId: service.id, stylistId: slot.stylistId, start: slot.start, customer: { name: "Warm Up", email: "warm@example.test" } });
    }
    log("driving the JSON API", { connections: CONNECTIONS, seconds: DURATION_MS / 1000 });
    const api = await driveApi(server.url, salon.slug, service.id, slots);
    const bookingsPerS = api.count / (DURATION_MS / 1000);
    log("api done", { bookings: api.count, errors: api.errors });

    log("driving raw postgres.js transactions", { connections: CONNECTIONS });
    const rawTxPerS = await driveRawInserts(database.url, salon.id, service.id, stylistIds);

    // Far from the slots the timed phase books, inside the bench salon's 730-day horizon.
    const contested = firstDay.plus({ days: 400 }).set({ hour: 10 }).toUTC().toISO({ suppressMilliseconds: true })!;
    log("contention: one slot", { requests: CONTENDERS });
    const c = await contend(server.url, salon.slug, service.id, stylistIds[0], contested);

    const result = {
      bookings_per_s: Math.round(bookingsPerS),
      p50_ms: percentile(api.latencies, 50),
      p99_ms: percentile(api.latencies, 99),
      raw_tx_per_s: Math.round(rawTxPerS),
      ratio: Math.round((bookingsPerS / rawTxPerS) * 1000) / 1000,
      errors: api.errors + c.unexpected,
      contention_winners: c.winners,
      contention_p99_ms: c.p99,
    };
    console.log(JSON.stringify(result));
  } finally {
    apiAgent.destroy();
    contentionAgent.destroy();
    await server.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
