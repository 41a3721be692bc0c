// npm run bench:booking — booking throughput and latency through the production server on
// Postgres, against two baselines measured in the same run: a bare route doing the same
// two-insert transaction on the same server (the floor) and a plain postgres.js loop (raw).
// Method and figures: docs/performance.md. Prints progress on stderr and one JSON line last on stdout.
//
//   1. Server A, relay off (RELAY_MODE=inngest without keys: nothing drains the outbox): warm up
//      on the booking API until the server's CPU per request settles (at least 15 s), then the API
//      and the floor route (warmed up too) in a closed loop of 32 connections. Server A stops.
//   2. The raw postgres.js loop, 32 connections, nothing else running.
//   3. Server B, the embedded relay delivering to a local SMTP sink: warmed up in the same way,
//      its backlog delivered; then a fixed 100 bookings/s for 20 s (latency counted from when each
//      request was due), checked delivered; then 200 concurrent requests for one slot.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DateTime } from "luxon";
import postgres from "postgres";
import { FLOOR_ROUTE, prepareBenchApp } from "./bench-app";
import { apiSlots, baselineSlots, insertRawBooking, seedBenchSalon, type Fixture } from "./booking-data";
import { closedLoop, jsonPoster, openLoop, type Answer, type LoadResult } from "./booking-load";
import { cpuMeter, type CpuWindow } from "./cpu";
import { benchDatabase, benchRateLimits, log, percentile, PROJECT_ROOT, startServer, type RunningServer } from "./lib";

const CONNECTIONS = 32;
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 10_000);
// A warm-up lasts at least this long and this many requests (V8 optimises by calls, so a slow
// machine needs longer), until the server's CPU per request has settled: the last three 3-second
// windows within 10 % of their median. It gives up waiting after WARMUP_MAX_MS.
const WARMUP = { minMs: Number(process.env.BENCH_WARMUP_MS ?? 15_000), minRequests: 3_000 };
const FLOOR_WARMUP = { minMs: 5_000, minRequests: 1_000 };
const WARMUP_MAX_MS = Math.max(WARMUP.minMs, 120_000);
const WARMUP_WINDOW_MS = 3_000;
const SETTLED_SPREAD = 0.1;
const OPEN_RATE = Number(process.env.BENCH_OPEN_RATE ?? 100);
const OPEN_MS = Number(process.env.BENCH_OPEN_MS ?? 20_000);
const DELIVERY_TIMEOUT_MS = 60_000;
const CONTENDERS = 200;
const PORT = Number(process.env.BENCH_PORT ?? 3210);
const SCRATCH = path.join(PROJECT_ROOT, "bench/.tmp/booking");

/** The baselines' transaction straight through postgres.js, 32 connections. */
function rawLoop(sql: postgres.Sql, f: Fixture): Promise<LoadResult> {
  const slots = baselineSlots(f.stylistIds, "2031-01-01T00:00:00Z");
  return closedLoop(DURATION_MS, CONNECTIONS, async (): Promise<Answer> => {
    const began = performance.now();
    const error = await insertRawBooking(sql, f, slots.next().value!).then(
      () => undefined,
      (e: { code?: string; message: string }) => e.code ?? e.message,
    );
    return { status: error ? 0 : 201, error, ms: performance.now() - began };
  });
}

async function main() {
  const appDir = await prepareBenchApp();
  const database = await benchDatabase("salon_bench_booking");
  const databaseName = new URL(database.url).pathname.slice(1);
  const admin = postgres(database.url, { max: 1, onnotice: () => {} });
  const meter = cpuMeter(admin, databaseName);
  const f = await seedBenchSalon(database.url);
  log("seeded bench salon", { slug: f.salon.slug, stylists: f.stylistIds.length });
  const slots = apiSlots(f.stylistIds);
  const bookingBody = (name: string) => {
    const slot = slots.next().value!;
    return { salon: f.salon.slug, serviceId: f.service.id, stylistId: slot.stylistId, start: slot.start, customer: { name, email: "bench@example.test" } };
  };
  const serverEnv = { DATABASE_URL: database.url, DATA_DIR: path.join(SCRATCH, "data"), AUTH_SECRET: randomBytes(32).toString("base64"), INNGEST_DEV: "", INNGEST_EVENT_KEY: "", INNGEST_SIGNING_KEY: "", INNGEST_BASE_URL: "", ...benchRateLimits() };
  const cleanup: (() => Promise<unknown> | void)[] = [() => admin.end(), () => database.drop()];

  /**
   * Runs `load` between two CPU samples and logs what each request cost. `settle`, when given,
   * runs before the second sample: work the requests left behind (the relay's deliveries) is
   * counted in their CPU, not in their rate.
   */
  async function measured<T extends LoadResult>(
    phase: string,
    server: RunningServer | null,
    load: () => Promise<T>,
    settle?: () => Promise<unknown>,
  ): Promise<T & { perS: number; cpu: CpuWindow }> {
    const before = await meter.sample(server?.pgid ?? 0);
    const result = await load();
    const seconds = (performance.now() - before.at) / 1000;
    await settle?.();
    const after = await meter.sample(server?.pgid ?? 0);
    const cpu = meter.between(before, after, result.ok + result.errors);
    const perS = result.ok / seconds;
    const failed = result.errors > 0 ? { statuses: result.statuses } : {};
    log(phase, { ok: result.ok, errors: result.errors, ...failed, per_s: Math.round(perS), seconds: Math.round(seconds * 10) / 10, ...cpu });
    return { ...result, perS, cpu };
  }

  /** Load in windows until the server's CPU per request settles (see WARMUP); returns how long it took, in s. */
  async function warmUp(phase: string, server: RunningServer, until: typeof WARMUP, window: () => Promise<LoadResult>): Promise<number> {
    const started = performance.now();
    const perRequest: number[] = [];
    let requests = 0;
    for (;;) {
      const { ok, errors, cpu } = await measured(`${phase}: warming up`, server, window);
      requests += ok + errors;
      perRequest.push(cpu.serverMsPerRequest);
      const elapsed = performance.now() - started;
      const last = perRequest.slice(-3).sort((a, b) => a - b);
      const settled = last.length === 3 && last[2] - last[0] <= SETTLED_SPREAD * last[1];
      if (elapsed >= until.minMs && requests >= until.minRequests && settled) return Math.round(elapsed / 1000);
      if (elapsed >= WARMUP_MAX_MS) {
        log(`${phase}: CPU per request did not settle; measuring anyway`, { seconds: Math.round(elapsed / 1000), requests, last });
        return Math.round(elapsed / 1000);
      }
    }
  }

  try {
    // 1. Server A: nothing drains the outbox, so the baselines are not slowed by a relay.
    const serverA = await startServer(PORT, { ...serverEnv, RELAY_MODE: "inngest", LOG_LEVEL: "error" }, { appDir, logFile: path.join(SCRATCH, "server-relay-off.log") });
    cleanup.unshift(() => serverA.stop());
    const http = jsonPoster(serverA.url, CONNECTIONS);
    const api = () => http.post("/api/v1/bookings", bookingBody("Bench Customer"));
    const warmUpS = await warmUp("booking API", serverA, WARMUP, () => closedLoop(WARMUP_WINDOW_MS, CONNECTIONS, api));
    const booking = await measured("booking API", serverA, () => closedLoop(DURATION_MS, CONNECTIONS, api));

    const floorSlots = baselineSlots(f.stylistIds, "2036-01-01T00:00:00Z");
    const floorRoute = () => {
      const { stylistId, start, end } = floorSlots.next().value!;
      return http.post(FLOOR_ROUTE, { salonId: f.salon.id, serviceId: f.service.id, stylistId, start: start.toISOString(), end: end.toISOString() });
    };
    await warmUp("floor route", serverA, FLOOR_WARMUP, () => closedLoop(WARMUP_WINDOW_MS, CONNECTIONS, floorRoute));
    const floor = await measured("floor route", serverA, () => closedLoop(DURATION_MS, CONNECTIONS, floorRoute));
    http.close();
    await serverA.stop();

    // 2. The raw loop, with no server running at all.
    const rawSql = postgres(database.url, { max: CONNECTIONS, onnotice: () => {} });
    const raw = await measured("raw postgres.js loop", null, () => rawLoop(rawSql, f));
    await rawSql.end();

    // Server A's bookings were never meant to be delivered: mark their events done, so server B's
    // relay starts with an empty outbox and delivers only its own phase's bookings.
    const [{ skipped }] = await admin<{ skipped: number }[]>`
      with s as (update outbox set status = 'done', finished_at = now() where queued and salon_id = ${f.salon.id} returning 1)
      select count(*)::int as skipped from s`;
    log("closed-loop events marked done, not delivered", { skipped });

    // 3. Server B: the embedded relay, delivering every booking's mail to an SMTP sink.
    const sink = fork(path.join(PROJECT_ROOT, "bench/relay-child.ts"), ["--smtp-sink"], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    cleanup.unshift(() => {
      if (sink.connected) sink.send("stop");
    });
    const sinkUrl = await new Promise<string>((resolve) => sink.once("message", (m) => resolve((m as { url: string }).url)));
    // Message-IDs the sink has received, in order: a message sent twice arrives with its first Message-ID.
    const sinkIds = () => new Promise<string[]>((resolve) => {
      sink.once("message", (m) => resolve((m as { ids: string[] }).ids));
      sink.send("report");
    });
    const serverB = await startServer(PORT, { ...serverEnv, RELAY_MODE: "embedded", SMTP_URL: sinkUrl }, { appDir, logFile: path.join(SCRATCH, "server-relay-on.log") });
    cleanup.unshift(() => serverB.stop());
    const open = jsonPoster(serverB.url, 1_000);
    const openBooking = (due: number) => open.post("/api/v1/bookings", bookingBody("Open Loop Customer"), due);
    const outboxState = async (afterId: number) =>
      (
        // Due work only (each booking's reminder, a day before it, is scheduled, not waiting), and
        // events whose mail is still being delivered.
        await admin<{ last: number; queued: number; sent: number; dead: number }[]>`
          select coalesce(max(id), 0)::int as last,
                 (count(*) filter (where (queued and next_attempt_at <= now()) or status = 'delivering'))::int as queued,
                 (count(*) filter (where status = 'done'))::int as sent,
                 (select count(*)::int from deliveries d where d.salon_id = ${f.salon.id} and d.event_id > ${afterId} and d.given_up) as dead
          from outbox where salon_id = ${f.salon.id} and id > ${afterId}`
      )[0];
    const drained = async (afterId: number) => {
      const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
      let state = await outboxState(afterId);
      while (state.queued > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        state = await outboxState(afterId);
      }
      return state;
    };
    // Warmed up as server A was, in a closed loop (a fixed rate would take minutes to make as many
    // calls), then the relay delivers that backlog before the open loop starts.
    const closedB = jsonPoster(serverB.url, CONNECTIONS);
    const openWarmUpS = await warmUp("relay-on server", serverB, WARMUP, () =>
      closedLoop(WARMUP_WINDOW_MS, CONNECTIONS, () => closedB.post("/api/v1/bookings", bookingBody("Bench Customer"))),
    );
    closedB.close();
    const drainStarted = performance.now();
    const backlog = await drained(0);
    log("warm-up backlog delivered", { left: backlog.queued, seconds: Math.round((performance.now() - drainStarted) / 100) / 10 });
    const beforeOpen = backlog.last;
    const mailBefore = (await sinkIds()).length;
    let delivery = { last: 0, queued: 0, sent: 0, dead: 0 };
    const openResult = await measured(
      `open loop at ${OPEN_RATE}/s, its deliveries included`,
      serverB,
      () => openLoop(OPEN_RATE, OPEN_MS, openBooking),
      async () => (delivery = await drained(beforeOpen)),
    );
    const openMail = (await sinkIds()).slice(mailBefore);
    const mailSentTwice = openMail.length - new Set(openMail).size;
    log("open loop delivered", { events: delivery.sent, dead: delivery.dead, undelivered: delivery.queued, mails: openMail.length, sentTwice: mailSentTwice, sendLagP99Ms: Math.round(openResult.sendLagP99Ms * 10) / 10 });
    open.close();

    const contested = DateTime.utc().startOf("day").plus({ days: 400, hours: 10 }).toISO({ suppressMilliseconds: true })!;
    const contenders = jsonPoster(serverB.url, CONTENDERS);
    const body = { salon: f.salon.slug, serviceId: f.service.id, stylistId: f.stylistIds[0], start: contested, customer: { name: "Contender", email: "contender@example.test" } };
    const contest = await Promise.all(Array.from({ length: CONTENDERS }, () => contenders.post("/api/v1/bookings", body)));
    contenders.close();
    const winners = contest.filter((r) => r.status === 201).length;
    const unexpected = contest.filter((r) => r.status !== 201 && r.status !== 409).length;
    log("contention: one slot", { requests: CONTENDERS, winners, unexpected, statuses: contest.map((r) => r.status).filter((s) => s !== 201 && s !== 409) });

    const ratio = (a: number, b: number) => Math.round((a / b) * 1000) / 1000;
    console.log(
      JSON.stringify({
        bookings_per_s: Math.round(booking.perS),
        raw_tx_per_s: Math.round(raw.perS),
        ratio: ratio(booking.perS, raw.perS),
        floor_per_s: Math.round(floor.perS),
        floor_ratio: ratio(booking.perS, floor.perS),
        open_loop_p50_ms: percentile(openResult.latencies, 50),
        open_loop_p99_ms: percentile(openResult.latencies, 99),
        errors: booking.errors + floor.errors + raw.errors + openResult.errors + unexpected,
        contention_winners: winners,
        closed_loop_p50_ms: percentile(booking.latencies, 50),
        closed_loop_p99_ms: percentile(booking.latencies, 99),
        open_loop_per_s: Math.round(openResult.perS),
        open_loop_undelivered: delivery.queued + delivery.dead,
        open_loop_mail_sent_twice: mailSentTwice,
        contention_p99_ms: percentile(contest.map((r) => r.ms).sort((a, b) => a - b), 99),
        server_cpu_ms_per_booking: booking.cpu.serverMsPerRequest,
        server_cpu_ms_per_floor: floor.cpu.serverMsPerRequest,
        server_cpu_ms_per_open_loop_booking: openResult.cpu.serverMsPerRequest,
        relay_cpu_ms_per_open_loop_booking: openResult.cpu.relayMsPerRequest,
        relay_postgres_cpu_ms_per_open_loop_booking: openResult.cpu.relayPostgresMsPerRequest,
        postgres_cpu_ms_per_booking: booking.cpu.postgresMsPerRequest,
        postgres_cpu_ms_per_floor: floor.cpu.postgresMsPerRequest,
        postgres_cpu_ms_per_raw_tx: raw.cpu.postgresMsPerRequest,
        warm_up_s: warmUpS,
        open_loop_warm_up_s: openWarmUpS,
        machine_busy_pct: booking.cpu.machineBusyPct,
        others_busy_pct: booking.cpu.othersBusyPct,
      }),
    );
  } finally {
    for (const step of cleanup) await step();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
