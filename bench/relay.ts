// `npm run bench:relay` — how fast the outbox relay drains, against graphile-worker on the same
// Postgres. In a fresh database on DATABASE_URL's server (or the local one), dropped afterwards:
//   (a) 50,000 booking.created events through
//       both real channels (owner email + dashboard), by relay worker processes, with an SMTP
//       sink in another child process receiving the mail;
//   (b) 50,000 events through two no-op channels (the relay's own cost), in this process;
//   (c) 50,000 no-op graphile-worker jobs at its published best settings.
// Lost and duplicate deliveries are counted, not assumed: from the deliveries rows, from what the
// channels actually acknowledged, and from the Message-IDs the SMTP sink received.
// Progress goes to stderr; the last line on stdout is one JSON object.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { Logger, makeWorkerUtils, run as runGraphileWorker } from "graphile-worker";
import postgres from "postgres";
import { openDatabase, RELAY_CONNECTION_SETTINGS, type Database } from "@/db/client";
import { migrate } from "@/db/migrate";
import { resultRows } from "@/db/rows";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { testBookingPayload } from "@/lib/testing/outbox";
import { processCpuMs } from "./cpu";
import { log } from "./lib";
import type { RelayWorkerConfig, RelayWorkerReport } from "./relay-child";
import { Acks, counted, countRow, drainUntilEmpty, noopChannel } from "./relay-drain";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const SALONS = 20;
// Two drainers of 2,000 drained fastest here (4 x 1,000: 11,800/s; 2 x 2,000: 14,200/s; 1 x 5,000:
// 11,500/s): each claim skips the rows other drainers have in flight, so more drainers cost more.
const NOOP_DRAINERS = Number(process.env.BENCH_NOOP_DRAINERS ?? 2);
const NOOP_BATCH = Number(process.env.BENCH_NOOP_BATCH ?? 2_000);
const EMAIL_PROCESSES = Number(process.env.BENCH_EMAIL_PROCESSES ?? 2);
const EMAIL_DRAINERS = Number(process.env.BENCH_EMAIL_DRAINERS ?? 2);
// Lanes of the owner-email channel per relay process (each sends a batch with the SMTP pool's concurrency).
const EMAIL_LANES = Number(process.env.BENCH_EMAIL_LANES ?? 2);
const EMAIL_BATCH = Number(process.env.BENCH_EMAIL_BATCH ?? 200);
const SMTP_CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8);
// Set, the email phase feeds events in chunks of EMAIL_CHUNK and stops enqueueing after this many
// seconds (see emailPhase); unset, all events are enqueued up front.
const EMAIL_FEED_SECONDS = process.env.BENCH_EMAIL_FEED_SECONDS ? Number(process.env.BENCH_EMAIL_FEED_SECONDS) : null;
const EMAIL_CHUNK = Number(process.env.BENCH_EMAIL_CHUNK ?? 2_000);
// Events scheduled a month ahead (reminders) that sit in the outbox during every phase: the claim
// must not slow down for them (they are not due).
const FUTURE_EVENTS = Number(process.env.BENCH_FUTURE_EVENTS ?? 0);
// For tuning runs, e.g. BENCH_PHASES=noop,graphile skips the email phase.
const PHASES = new Set((process.env.BENCH_PHASES ?? "email,noop,graphile").split(","));
const CHILD = path.join(import.meta.dirname, "relay-child.ts");

interface PhaseResult {
  rate: number;
  lost: number;
  duplicates: number;
}

// BENCH_RELAY_PROFILE=<folder>: each relay worker process writes a V8 CPU profile there.
const PROFILE_DIR = process.env.BENCH_RELAY_PROFILE;

function forkChild(role: string, env: Record<string, string> = {}): ChildProcess {
  const profile = PROFILE_DIR && role === "--relay-worker" ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  return fork(CHILD, [role], { execArgv: [...process.execArgv, ...profile], env: { ...process.env, ...env }, stdio: ["ignore", "inherit", "inherit", "ipc"] });
}

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`bench child exited ${code}`));
    child.once("exit", onExit);
    child.once("message", (m) => {
      child.off("exit", onExit);
      resolve(m as T);
    });
  });
}

async function enqueue(db: Database, salonPayloads: object[], events = EVENTS): Promise<void> {
  await db.execute(sql`truncate outbox, deliveries, owner_notifications`);
  if (FUTURE_EVENTS > 0) await insertEvents(db, salonPayloads, FUTURE_EVENTS, sql`now() + interval '30 days'`);
  await insertEvents(db, salonPayloads, events);
  await db.execute(sql`vacuum analyze outbox`);
  await checkpoint(() => db.execute(sql`checkpoint`));
}

/**
 * Every timed phase starts right after a checkpoint, so none pays for another's dirty pages.
 * CHECKPOINT needs a superuser or pg_checkpoint; without either the phases run as they come.
 */
async function checkpoint(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    log("checkpoint skipped", { error: String(error) });
  }
}

/**
 * Inserts `events` booking.created events, 10,000 rows per statement; real BookingEventPayloads
 * with fresh booking ids. Due now, or at `dueAt` (scheduled events).
 */
async function insertEvents(db: Database, salonPayloads: object[], events: number, dueAt = sql`now()`): Promise<void> {
  const templates = JSON.stringify(salonPayloads);
  for (let done = 0; done < events; done += 10_000) {
    const n = Math.min(10_000, events - done);
    await db.execute(sql`
      insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, next_attempt_at)
      select 'booking', b.id, (t.p -> 'salon' ->> 'id')::uuid, 'booking.created',
             jsonb_set(t.p, '{bookingId}', to_jsonb(b.id::text)), ${dueAt}
      from (select gen_random_uuid() as id, g from generate_series(1, ${n}) g) b
      join (select p, row_number() over () - 1 as i from jsonb_array_elements(${templates}::jsonb) p) t
        on t.i = b.g % ${salonPayloads.length}
    `);
  }
}

/**
 * Times `drain` (which reports its CPU time and how many events it drained), logging progress;
 * returns events per second. `sentSoFar` reads the progress; by default a count of sent rows, which
 * scans the outbox, so a drain in this process counts its acknowledgements instead.
 */
async function timed(
  db: Database,
  label: string,
  drain: () => Promise<{ cpuMs: number; events: number; otherCpu?: Record<string, number> }>,
  sentSoFar: () => Promise<number> | number = () => countRow(db, sql`select count(*) as n from outbox where status = 'done'`),
): Promise<number> {
  const started = performance.now();
  const progress = setInterval(() => {
    void Promise.resolve(sentSoFar()).then((sent) =>
      log(`${label}: draining`, { sent, seconds: Math.round((performance.now() - started) / 100) / 10 }),
    );
  }, 2_000);
  const { cpuMs, events, otherCpu = {} } = await drain();
  clearInterval(progress);
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(events / seconds);
  log(`${label}: drained`, {
    events,
    seconds: Math.round(seconds * 100) / 100,
    per_second: rate,
    relay_cpu_ms_per_event: Math.round((cpuMs / events) * 1000) / 1000,
    ...Object.fromEntries(Object.entries(otherCpu).map(([who, ms]) => [`${who}_cpu_ms_per_event`, Math.round((ms / events) * 1000) / 1000])),
    load_average: loadavg().map((l) => Math.round(l * 10) / 10),
  });
  return rate;
}

/**
 * CPU of the bench database's backends, sampled while they live: the relay workers close their
 * pools before they report, so a sample taken afterwards would find none of them.
 */
function backendCpu(admin: postgres.Sql, database: string) {
  const lastSeen = new Map<number, number>();
  return {
    async sample(): Promise<void> {
      const rows = await admin<{ pid: number }[]>`select pid from pg_stat_activity where datname = ${database} and backend_type = 'client backend'`;
      for (const { pid } of rows) lastSeen.set(pid, Math.max(lastSeen.get(pid) ?? 0, processCpuMs(pid)));
    },
    totalMs(): number {
      let total = 0;
      for (const ms of lastSeen.values()) total += ms;
      return total;
    },
  };
}

/** Lost and duplicated (event, channel) deliveries, from the deliveries table and the channel acks. */
async function audit(db: Database, channelNames: string[], acks: Acks): Promise<{ lost: number; duplicates: number }> {
  const events = await countRow(db, sql`select count(*) as n from outbox where next_attempt_at <= now()`);
  const sent = await countRow(db, sql`select count(*) as n from outbox where status = 'done'`);
  // Deliveries made at fan-out are recorded on their event, the rest as deliveries rows.
  const delivered =
    (await countRow(db, sql`select count(*) as n from deliveries where status = 'delivered'`)) +
    (await countRow(db, sql`select count(*) as n from outbox o cross join lateral jsonb_object_keys(o.inline_deliveries) c where o.inline_deliveries is not null`));
  const expected = events * channelNames.length;
  return { lost: Math.max(expected - delivered, expected - acks.distinct, events - sent), duplicates: acks.duplicates };
}

/**
 * (a) Both real channels, in relay worker processes; the SMTP sink in its own process. All
 * events are enqueued up front, as the issue asks. On a machine too slow to drain 50,000 emails
 * inside the bench's three minutes, BENCH_EMAIL_FEED_SECONDS feeds them in chunks while the relay
 * drains instead — always a chunk or more waiting, so the relay never idles — until that many
 * seconds have passed. Every event enqueued is drained and audited either way, and the rate is
 * events drained over the whole time from "go" to the last delivery.
 */
async function emailPhase(db: Database, databaseUrl: string, payloads: object[]): Promise<PhaseResult> {
  let enqueued = EMAIL_FEED_SECONDS === null ? EVENTS : Math.min(EVENTS, 2 * EMAIL_CHUNK);
  await enqueue(db, payloads, enqueued);
  log("email: enqueued", { events: enqueued, of: EVENTS, feed_seconds: EMAIL_FEED_SECONDS, relay_processes: EMAIL_PROCESSES, drainers_each: EMAIL_DRAINERS, email_lanes_each: EMAIL_LANES });
  const sink = forkChild("--smtp-sink");
  const { url: smtpUrl } = await nextMessage<{ url: string }>(sink);
  const config: RelayWorkerConfig = { databaseUrl, smtpUrl, drainers: EMAIL_DRAINERS, channelLanes: EMAIL_LANES, batchSize: EMAIL_BATCH, smtpConnections: SMTP_CONNECTIONS };
  const workers = Array.from({ length: EMAIL_PROCESSES }, () => forkChild("--relay-worker", { BENCH_RELAY_WORKER: JSON.stringify(config) }));
  await Promise.all(workers.map((w) => nextMessage<string>(w))); // "ready": set up, not yet draining
  const acks = new Acks();
  // What Postgres and the SMTP sink spend per event too: on two cores they share the CPU with the relay.
  const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const backends = backendCpu(admin, new URL(databaseUrl).pathname.slice(1));
  const rate = await timed(db, "email", async () => {
    const reports = workers.map((w) => nextMessage<RelayWorkerReport>(w));
    await backends.sample();
    const postgresBefore = backends.totalMs();
    const tracking = setInterval(() => void backends.sample(), 250);
    const sinkBefore = processCpuMs(sink.pid!);
    const started = performance.now();
    for (const w of workers) w.send("go");
    while (EMAIL_FEED_SECONDS !== null && enqueued < EVENTS && performance.now() - started < EMAIL_FEED_SECONDS * 1000) {
      const waiting = await countRow(db, sql`select count(*) as n from outbox where status = 'pending' and next_attempt_at <= now()`);
      if (waiting < EMAIL_CHUNK) {
        const n = Math.min(EMAIL_CHUNK, EVENTS - enqueued);
        await insertEvents(db, payloads, n);
        enqueued += n;
      } else await new Promise((r) => setTimeout(r, 200));
    }
    for (const w of workers) w.send("last");
    log("email: last events enqueued", { events: enqueued, seconds: Math.round((performance.now() - started) / 100) / 10 });
    let cpuMs = 0;
    for (const report of await Promise.all(reports)) {
      cpuMs += report.cpuMs;
      acks.merge(report.acks);
    }
    clearInterval(tracking);
    const otherCpu = { postgres: backends.totalMs() - postgresBefore, smtp_sink: processCpuMs(sink.pid!) - sinkBefore };
    return { cpuMs, events: enqueued, otherCpu };
  });
  await admin.end();
  const fromRows = await audit(db, ["owner-email", "dashboard"], acks);
  // What the SMTP server actually received, by Message-ID.
  const idsReply = nextMessage<{ ids: string[] }>(sink);
  sink.send("report");
  const { ids } = await idsReply;
  sink.send("stop");
  const received = new Set(ids);
  const expected = resultRows<{ id: string | number }>(await db.execute(sql`select id from outbox where next_attempt_at <= now()`)).map(
    (r) => `<event-${r.id}@salon-booking.local>`,
  );
  const smtpLost = expected.filter((id) => !received.has(id)).length;
  const smtpDuplicates = ids.length - received.size;
  const notifications = await countRow(db, sql`select count(*) as n from owner_notifications`);
  log("email: audit", { ...fromRows, smtp_messages: ids.length, smtp_lost: smtpLost, smtp_duplicates: smtpDuplicates, notifications });
  return {
    rate,
    lost: fromRows.lost + smtpLost + Math.max(0, enqueued - notifications),
    duplicates: fromRows.duplicates + smtpDuplicates,
  };
}

/** (b) Two no-op inline channels: the relay's own cost (claim, fan-out, completion). */
async function noopPhase(db: Database, payloads: object[]): Promise<PhaseResult> {
  await enqueue(db, payloads);
  log("noop: enqueued", { events: EVENTS, drainers: NOOP_DRAINERS, batch: NOOP_BATCH });
  const acks = new Acks();
  const channels = [noopChannel("owner-email"), noopChannel("dashboard")].map((c) => counted(c, acks));
  const rate = await timed(
    db,
    "noop",
    async () => {
      const cpu = process.cpuUsage();
      await drainUntilEmpty(db, channels, NOOP_DRAINERS, NOOP_BATCH);
      const used = process.cpuUsage(cpu);
      return { cpuMs: (used.user + used.system) / 1000, events: EVENTS };
    },
    () => acks.acknowledged("dashboard"),
  );
  const result = await audit(db, ["owner-email", "dashboard"], acks);
  log("noop: audit", result);
  return { rate, ...result };
}

/** (c) graphile-worker no-op jobs, same database server, at worker.graphile.org/docs/performance's settings. */
async function graphilePhase(url: string): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: url });
  await utils.migrate();
  for (let done = 0; done < EVENTS; done += 5_000) {
    const n = Math.min(5_000, EVENTS - done);
    await utils.addJobs(Array.from({ length: n }, (_, i) => ({ identifier: "noop", payload: { i: done + i } })));
  }
  await utils.release();
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin`vacuum analyze graphile_worker._private_jobs`;
  await checkpoint(() => admin`checkpoint`);
  log("graphile-worker: enqueued", { jobs: EVENTS });
  let handled = 0;
  const started = performance.now();
  const runner = await runGraphileWorker({
    connectionString: url,
    noHandleSignals: true,
    pollInterval: 1_000,
    logger: new Logger(() => () => {}),
    taskList: {
      noop: async () => {
        handled++;
      },
    },
    preset: {
      worker: { concurrentJobs: 24, maxPoolSize: 25, localQueue: { size: 500 }, completeJobBatchDelay: 0, failJobBatchDelay: 0 },
    },
  });
  // Done when the jobs table is empty: batched completions have committed, as the relay's have.
  // Counted only once every job has run: a count(*) of the jobs table every few ms during the
  // drain would take Postgres time from graphile-worker (the relay's phase counts its own
  // acknowledgements the same way).
  while (handled < EVENTS) await new Promise((r) => setTimeout(r, 5));
  for (;;) {
    const [{ n }] = await admin`select count(*)::int as n from graphile_worker._private_jobs`;
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  await admin.end();
  const rate = Math.round(EVENTS / seconds);
  log("graphile-worker: drained", { jobs: EVENTS, handled, seconds: Math.round(seconds * 100) / 100, per_second: rate });
  return rate;
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const name = `bench_relay_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  log("fresh database", { database: name, events: EVENTS, future_events: FUTURE_EVENTS, load_average: loadavg().map((l) => Math.round(l * 10) / 10) });
  // The no-op drain runs here, on connections set up as the relay process's are.
  const handle = openDatabase({ url: url.toString(), max: NOOP_DRAINERS + 4, settings: RELAY_CONNECTION_SETTINGS });
  try {
    await migrate(handle);
    const db = handle.db;
    const zones = ["Europe/London", "America/New_York", "America/Los_Angeles"];
    const payloads = [];
    for (let i = 0; i < SALONS; i++) payloads.push(testBookingPayload(await createSalonFixture(db, { timeZone: zones[i % 3] })));

    const none = { rate: 0, lost: 0, duplicates: 0 };
    const email = PHASES.has("email") ? await emailPhase(db, url.toString(), payloads) : none;
    const noop = PHASES.has("noop") ? await noopPhase(db, payloads) : none;
    const graphile = PHASES.has("graphile") ? await graphilePhase(url.toString()) : 0;
    console.log(
      JSON.stringify({
        email_events_per_s: email.rate,
        noop_events_per_s: noop.rate,
        graphile_noop_jobs_per_s: graphile,
        ratio_vs_graphile: graphile ? Math.round((noop.rate / graphile) * 100) / 100 : null,
        future_events: FUTURE_EVENTS,
        lost: email.lost + noop.lost,
        duplicates: email.duplicates + noop.duplicates,
      }),
    );
  } finally {
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
