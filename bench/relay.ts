// `npm run bench:relay` — how fast the outbox relay drains, against graphile-worker on the same
// Postgres. In a fresh database on DATABASE_URL's server (or the local one), dropped afterwards:
//   (a) 50,000 booking.created events through both real channels, with an SMTP sink in a child
//       process receiving the owner mail;
//   (b) 50,000 events through two no-op channels (the relay's own cost);
//   (c) 50,000 no-op graphile-worker jobs at its published best settings.
// Lost and duplicate deliveries are counted, not assumed: from the deliveries rows, from what the
// channels actually acknowledged, and from the Message-IDs the SMTP sink received.
// Progress goes to stderr; the last line on stdout is one JSON object.
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { hostname, loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { makeWorkerUtils, run as runGraphileWorker } from "graphile-worker";
import postgres from "postgres";
import { openDatabase, type Database } from "@/db/client";
import { migrate } from "@/db/migrate";
import { resultRows } from "@/lib/outbox/complete";
import { createDashboardChannel, createOwnerEmailChannel } from "@/lib/outbox/channels";
import { createMailTransport } from "@/lib/mail/transport";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { testBookingPayload } from "@/lib/testing/outbox";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { log } from "./lib";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 50_000);
const SALONS = 20;
const NOOP_DRAINERS = Number(process.env.BENCH_NOOP_DRAINERS ?? 4);
const NOOP_BATCH = Number(process.env.BENCH_NOOP_BATCH ?? 1_000);
const EMAIL_DRAINERS = Number(process.env.BENCH_EMAIL_DRAINERS ?? 4);
const EMAIL_BATCH = Number(process.env.BENCH_EMAIL_BATCH ?? 250);
const SMTP_CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 16);
// For tuning runs: BENCH_PHASES=noop,graphile skips the email phase.
const PHASES = new Set((process.env.BENCH_PHASES ?? "email,noop,graphile").split(","));

// ---- the SMTP sink runs in a child process, so the relay and the sink do not share one core ----
if (process.argv.includes("--smtp-sink")) {
  void (async () => {
    const sink = await startSmtpSink({ keepMessages: false });
    process.on("message", (message) => {
      if (message === "report") process.send!({ ids: sink.messageIds });
      if (message === "reset") sink.messageIds.length = 0;
      if (message === "stop") void sink.close().then(() => process.exit(0));
    });
    process.send!({ url: sink.url });
  })();
} else {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}

interface SinkProcess {
  url: string;
  child: ChildProcess;
  messageIds(): Promise<string[]>;
  reset(): void;
  stop(): void;
}

async function startSinkProcess(): Promise<SinkProcess> {
  const child = fork(process.argv[1], ["--smtp-sink"], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m) => resolve((m as { url: string }).url));
    child.once("exit", (code) => reject(new Error(`SMTP sink exited ${code}`)));
  });
  return {
    url,
    child,
    messageIds: () =>
      new Promise((resolve) => {
        child.once("message", (m) => resolve((m as { ids: string[] }).ids));
        child.send("report");
      }),
    reset: () => child.send("reset"),
    stop: () => child.send("stop"),
  };
}

/** Wraps a channel to count, per event, how many times it acknowledged a delivery. */
function counted(channel: OutboxChannel, acks: Map<string, number>): OutboxChannel {
  return {
    ...channel,
    async deliver(events, context) {
      const results = await channel.deliver(events, context);
      for (const r of results) if (r.ok) acks.set(`${channel.name}:${r.eventId}`, (acks.get(`${channel.name}:${r.eventId}`) ?? 0) + 1);
      return results;
    },
  };
}

const noopChannel = (name: string): OutboxChannel => ({
  name,
  deliver: async (events) => events.map((e) => ({ eventId: e.id, ok: true as const })),
});

async function enqueue(db: Database, salonPayloads: object[]): Promise<void> {
  // One statement per 10,000 rows; payloads are real BookingEventPayloads with fresh booking ids.
  const templates = JSON.stringify(salonPayloads);
  for (let done = 0; done < EVENTS; done += 10_000) {
    const n = Math.min(10_000, EVENTS - done);
    await db.execute(sql`
      insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload)
      select 'booking', b.id, (t.p -> 'salon' ->> 'id')::uuid, 'booking.created',
             jsonb_set(t.p, '{bookingId}', to_jsonb(b.id::text))
      from (select gen_random_uuid() as id, g from generate_series(1, ${n}) g) b
      join (select p, row_number() over () - 1 as i from jsonb_array_elements(${templates}::jsonb) p) t
        on t.i = b.g % ${salonPayloads.length}
    `);
  }
  await db.execute(sql`vacuum analyze outbox`);
}

async function countRow(db: Database, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = resultRows<{ n: number | string }>(await db.execute(query));
  return Number(row?.n ?? 0);
}

/** Runs `drainers` relays side by side until nothing is left to claim; returns events/s. */
async function drainAll(db: Database, label: string, channels: OutboxChannel[], drainers: number, batchSize: number): Promise<number> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  let finished = false;
  const progress = setInterval(() => {
    void countRow(db, sql`select count(*) as n from outbox where status = 'sent'`).then((sent) =>
      log(`${label}: draining`, { sent, seconds: Math.round((performance.now() - started) / 100) / 10 }),
    );
  }, 2_000);
  const holderBase = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
  await Promise.all(
    Array.from({ length: drainers }, async (_, i) => {
      while (!finished) {
        const result = await drainOutbox(db, { holder: `${holderBase}-${i}`, channels, batchSize, budgetMs: 600_000 });
        if (result.claimed === 0) {
          const open = await countRow(db, sql`select count(*) as n from outbox where status in ('pending','processing')`);
          if (open === 0) finished = true;
          else await new Promise((r) => setTimeout(r, 5));
        }
      }
    }),
  );
  clearInterval(progress);
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(EVENTS / seconds);
  const used = process.cpuUsage(cpu);
  log(`${label}: drained`, {
    events: EVENTS,
    seconds: Math.round(seconds * 100) / 100,
    per_second: rate,
    relay_cpu_ms_per_event: Math.round(((used.user + used.system) / 1000 / EVENTS) * 1000) / 1000,
    load_average: loadavg().map((l) => Math.round(l * 10) / 10),
  });
  return rate;
}

/** Lost and duplicated (event, channel) deliveries, from the deliveries table and the acks. */
async function audit(db: Database, channelNames: string[], acks: Map<string, number>): Promise<{ lost: number; duplicates: number }> {
  const events = await countRow(db, sql`select count(*) as n from outbox`);
  const sent = await countRow(db, sql`select count(*) as n from outbox where status = 'sent'`);
  const delivered = await countRow(db, sql`select count(*) as n from deliveries where status = 'delivered'`);
  const reDelivered = await countRow(db, sql`select coalesce(sum(attempts - 1), 0) as n from deliveries where status = 'delivered'`);
  const expected = events * channelNames.length;
  let acked = 0;
  let duplicateAcks = 0;
  for (const count of acks.values()) {
    acked++;
    duplicateAcks += count - 1;
  }
  const lost = Math.max(expected - delivered, expected - acked, events - sent);
  // attempts > 1 on a delivered row would mean a failed try before, not a duplicate; acks count real repeats.
  if (reDelivered > 0) log("deliveries with retries", { rows: reDelivered });
  return { lost, duplicates: duplicateAcks };
}

async function graphileNoop(url: string): Promise<number> {
  const utils = await makeWorkerUtils({ connectionString: url });
  await utils.migrate();
  for (let done = 0; done < EVENTS; done += 5_000) {
    const n = Math.min(5_000, EVENTS - done);
    await utils.addJobs(Array.from({ length: n }, (_, i) => ({ identifier: "noop", payload: { i: done + i } })));
  }
  await utils.release();
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin`vacuum analyze graphile_worker._private_jobs`;
  let handled = 0;
  const started = performance.now();
  // Published best configuration (worker.graphile.org/docs/performance).
  const runner = await runGraphileWorker({
    connectionString: url,
    noHandleSignals: true,
    pollInterval: 1_000,
    taskList: {
      noop: async () => {
        handled++;
      },
    },
    preset: {
      worker: {
        concurrentJobs: 24,
        maxPoolSize: 25,
        localQueue: { size: 500 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
        logger: undefined,
      },
    },
    logger: new (await import("graphile-worker")).Logger(() => () => {}),
  });
  let last = performance.now();
  for (;;) {
    const [{ n }] = await admin`select count(*)::int as n from graphile_worker._private_jobs`;
    if (n === 0) break;
    if (performance.now() - last > 2_000) {
      log("graphile-worker: draining", { handled, left: n });
      last = performance.now();
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  await admin.end();
  const rate = Math.round(EVENTS / seconds);
  log("graphile-worker: drained", { jobs: EVENTS, handled, seconds: Math.round(seconds * 100) / 100, per_second: rate });
  return rate;
}

interface PhaseResult {
  rate: number;
  lost: number;
  duplicates: number;
}

/** (a) Both real channels; the SMTP sink runs in a child process. */
async function emailPhase(db: Database, payloads: object[], sink: SinkProcess): Promise<PhaseResult> {
  await db.execute(sql`truncate outbox, deliveries, owner_notifications`);
  await enqueue(db, payloads);
  log("email: enqueued", { events: EVENTS });
  const acks = new Map<string, number>();
  // The two channels of the issue, built explicitly so the measurement does not change when
  // createDefaultChannels gains channels.
  const transport = createMailTransport({ smtpUrl: sink.url, mailDir: "/nonexistent", maxConnections: SMTP_CONNECTIONS });
  const channels = [
    createOwnerEmailChannel({ transport, from: "Salon booking <bench@localhost>", messageIdDomain: "salon-booking.local" }),
    createDashboardChannel(),
  ];
  const rate = await drainAll(db, "email", channels.map((c) => counted(c, acks)), EMAIL_DRAINERS, EMAIL_BATCH);
  await transport.close();
  const fromRows = await audit(db, channels.map((c) => c.name), acks);
  // What the SMTP server actually received, by Message-ID.
  const ids = await sink.messageIds();
  const received = new Set(ids);
  const expected = resultRows<{ id: string | number }>(await db.execute(sql`select id from outbox`)).map(
    (r) => `<event-${r.id}@salon-booking.local>`,
  );
  const smtpLost = expected.filter((id) => !received.has(id)).length;
  const smtpDuplicates = ids.length - received.size;
  const notifications = await countRow(db, sql`select count(*) as n from owner_notifications`);
  log("email: audit", { ...fromRows, smtp_messages: ids.length, smtp_lost: smtpLost, smtp_duplicates: smtpDuplicates, notifications });
  return {
    rate,
    lost: fromRows.lost + smtpLost + Math.max(0, EVENTS - notifications),
    duplicates: fromRows.duplicates + smtpDuplicates,
  };
}

/** (b) Two no-op channels: the relay's own cost (claim, deliveries, completion). */
async function noopPhase(db: Database, payloads: object[]): Promise<PhaseResult> {
  await db.execute(sql`truncate outbox, deliveries, owner_notifications`);
  await enqueue(db, payloads);
  log("noop: enqueued", { events: EVENTS });
  const acks = new Map<string, number>();
  const channels = [noopChannel("owner-email"), noopChannel("dashboard")];
  const rate = await drainAll(db, "noop", channels.map((c) => counted(c, acks)), NOOP_DRAINERS, NOOP_BATCH);
  const result = await audit(db, channels.map((c) => c.name), acks);
  log("noop: audit", result);
  return { rate, ...result };
}

async function main(): Promise<void> {
  const base = process.env.DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  const name = `bench_relay_${randomBytes(4).toString("hex")}`;
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  log("fresh database", { database: name });
  const handle = openDatabase({ url: url.toString(), max: 24 });
  const sink = await startSinkProcess();
  try {
    await migrate(handle);
    const db = handle.db;
    const fixtures = [];
    for (let i = 0; i < SALONS; i++) fixtures.push(await createSalonFixture(db, { timeZone: ["Europe/London", "America/New_York", "America/Los_Angeles"][i % 3] }));
    const payloads = fixtures.map((f) => testBookingPayload(f));

    const email = PHASES.has("email") ? await emailPhase(db, payloads, sink) : { rate: 0, lost: 0, duplicates: 0 };
    const noop = PHASES.has("noop") ? await noopPhase(db, payloads) : { rate: 0, lost: 0, duplicates: 0 };
    const graphileRate = PHASES.has("graphile") ? await graphileNoop(url.toString()) : 0;

    console.log(
      JSON.stringify({
        email_events_per_s: email.rate,
        noop_events_per_s: noop.rate,
        graphile_noop_jobs_per_s: graphileRate,
        ratio_vs_graphile: graphileRate ? Math.round((noop.rate / graphileRate) * 100) / 100 : null,
        lost: email.lost + noop.lost,
        duplicates: email.duplicates + noop.duplicates,
      }),
    );
  } finally {
    sink.stop();
    await handle.close();
    await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}
