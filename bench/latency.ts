// npm run bench:latency — time from a booking's 201 to its event on the owner's dashboard stream,
// against the production build on Postgres with the embedded relay, at a steady 50 bookings/s.
// Prints progress on stderr and one JSON line last on stdout.
import { randomBytes, randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import { owners, salons, services, stylists, salonHours } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { benchDatabase, benchRateLimits, log, percentile, startServer } from "./lib";

const RATE_PER_S = Number(process.env.BENCH_RATE ?? 50);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 20_000);
const GRACE_MS = 5_000;
const WARM_UP = 50;
const PORT = Number(process.env.BENCH_PORT ?? 3211);
const STYLISTS = 10;

async function seed(url: string, password: string) {
  const handle = openDatabase({ url, max: 2 });
  await migrate(handle);
  const db = handle.db;
  const suffix = randomBytes(4).toString("hex");
  const email = `latency-${suffix}@example.test`;
  const [owner] = await db.insert(owners).values({ email, name: "Latency owner", passwordHash: await hashPassword(password) }).returning();
  const [salon] = await db
    .insert(salons)
    .values({ ownerId: owner.id, slug: `latency-${suffix}`, name: "Latency salon", timeZone: "UTC", bufferMinutes: 0, minNoticeMinutes: 0, cancellationCutoffMinutes: 0, publishedAt: new Date() })
    .returning();
  const [service] = await db.insert(services).values({ salonId: salon.id, name: "Trim", durationMinutes: 15, priceCents: 1000 }).returning();
  const stylistRows = await db
    .insert(stylists)
    .values(Array.from({ length: STYLISTS }, (_, i) => ({ salonId: salon.id, name: `Stylist ${i + 1}` })))
    .returning();
  // Every stylist follows the salon's opening hours.
  await db.insert(salonHours).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ salonId: salon.id, weekday, startTime: "08:00", endTime: "20:00" })));
  await handle.close();
  return { email, slug: salon.slug, serviceId: service.id, stylistIds: stylistRows.map((s) => s.id) };
}

/** Signs in through Auth.js's credentials callback and returns the Cookie header of the session. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const i = pair.indexOf("=");
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  };
  keep(csrfRes);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ email, password, csrfToken, callbackUrl: `${base}/dashboard` }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) throw new Error(`sign-in failed: HTTP ${res.status}`);
  return cookie();
}

/** Reads the SSE stream and records when each booking's notification arrives. */
async function subscribe(base: string, cookie: string, seen: Map<string, number>, signal: AbortSignal): Promise<() => Promise<void>> {
  const res = await fetch(`${base}/api/dashboard/stream`, { headers: { cookie, accept: "text/event-stream" }, signal });
  if (!res.ok || !res.body) throw new Error(`stream: HTTP ${res.status}`);
  let ready!: () => void;
  const readyPromise = new Promise<void>((r) => (ready = r));
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = "";
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(message)?.[1];
          const data = /^data: (.*)$/m.exec(message)?.[1];
          if (event === "ready") ready();
          if (event === "notification" && data) {
            const n = JSON.parse(data) as { bookingId: string };
            if (!seen.has(n.bookingId)) seen.set(n.bookingId, performance.now());
          }
        }
      }
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  })();
  await readyPromise;
  return () => reading;
}

async function main() {
  const password = randomBytes(12).toString("base64url");
  const database = await benchDatabase("salon_bench_latency");
  const fixture = await seed(database.url, password);
  const server = await startServer(PORT, { DATABASE_URL: database.url, DATA_DIR: "bench/.tmp/latency", AUTH_SECRET: randomBytes(32).toString("base64"), RELAY_MODE: "embedded", ...benchRateLimits() });
  const abort = new AbortController();
  try {
    const cookie = await signIn(server.url, fixture.email, password);
    const seen = new Map<string, number>();
    const done = await subscribe(server.url, cookie, seen, abort.signal);
    // Measured bookings start the day after tomorrow; the warm-up books tomorrow.
    const firstDay = DateTime.utc().startOf("day").plus({ days: 2 });
    // A short warm-up, as bench:booking has: the server's first requests pay for JIT compilation
    // and opening pool connections, which is not the latency being measured.
    for (let i = 0; i < WARM_UP; i++) {
      const start = firstDay.minus({ days: 1 }).plus({ minutes: 8 * 60 + Math.floor(i / STYLISTS) * 15 }).toISO({ suppressMilliseconds: true });
      const body = { salon: fixture.slug, serviceId: fixture.serviceId, stylistId: fixture.stylistIds[i % STYLISTS], start, customer: { name: "Warm Up", email: "warm@example.test" } };
      const res = await fetch(`${server.url}/api/v1/bookings`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": randomUUID() }, body: JSON.stringify(body) });
      await res.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // their emails and notifications go out
    log("stream subscribed; booking at a steady rate", { perSecond: RATE_PER_S, seconds: DURATION_MS / 1000, warmUp: WARM_UP });

    const created = new Map<string, number>();
    let failures = 0;
    const total = Math.round((RATE_PER_S * DURATION_MS) / 1000);
    const started = performance.now();
    const requests: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / RATE_PER_S;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const slot = Math.floor(i / STYLISTS);
      const start = firstDay.plus({ days: Math.floor(slot / 48), minutes: 8 * 60 + (slot % 48) * 15 }).toISO({ suppressMilliseconds: true });
      const body = { salon: fixture.slug, serviceId: fixture.serviceId, stylistId: fixture.stylistIds[i % STYLISTS], start, customer: { name: "Latency Customer", email: "latency@example.test" } };
      requests.push(
        fetch(`${server.url}/api/v1/bookings`, { method: "POST", headers: { "content-type": "application/json", "idempotency-key": randomUUID() }, body: JSON.stringify(body) })
          .then(async (res) => {
            const at = performance.now();
            const json = (await res.json()) as { id?: string };
            if (res.status === 201 && json.id) created.set(json.id, at);
            else failures++;
          })
          .catch(() => void failures++),
      );
    }
    await Promise.all(requests);
    const deadline = performance.now() + GRACE_MS;
    while (performance.now() < deadline && [...created.keys()].some((id) => !seen.has(id))) await new Promise((r) => setTimeout(r, 50));

    const latencies: number[] = [];
    let missing = 0;
    for (const [id, at] of created) {
      const arrived = seen.get(id);
      if (arrived === undefined) missing++;
      else latencies.push(Math.max(0, arrived - at));
    }
    latencies.sort((a, b) => a - b);
    log("done", { bookings: created.size, failures, delivered: latencies.length });
    console.log(JSON.stringify({ p50_ms: percentile(latencies, 50), p95_ms: percentile(latencies, 95), p99_ms: percentile(latencies, 99), missing: missing + failures }));
    abort.abort();
    await done().catch(() => {});
  } finally {
    abort.abort();
    await server.stop();
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
