// `npm run bench:email` — CPU per booking email, owner's and customer's, in three stages:
//   render   the renderers alone (subject, text, HTML, .ics → nodemailer options);
//   compose  render + nodemailer's MIME composition to a buffer (streamTransport, buffer: true);
//   smtp     render + the pooled SMTP transport of lib/mail/transport.ts into an SMTP sink that
//            runs in a child process, so its CPU is not counted here (it is reported apart).
// CPU is process.cpuUsage (user + system, all threads) around each measured loop, divided by the
// messages sent; each stage runs BENCH_ROUNDS times after a warm-up and the median is reported.
// Payloads are testBookingPayload's, for 20 salons in three zones (as bench:relay), cycling
// created ×3 / rescheduled / cancelled. Progress goes to stderr; the last stdout line is JSON.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import nodemailer from "nodemailer";
import type Mail from "nodemailer/lib/mailer";
import { openDatabase } from "@/db/client";
import { migrate } from "@/db/migrate";
import type { BookingEventType } from "@/lib/booking/events";
import { manageBookingUrl } from "@/lib/booking/manage-link";
import { renderBookingEmail, type BookingEmailEvent } from "@/lib/mail/booking-email";
import { renderCustomerEmail } from "@/lib/mail/customer-email";
import { createMailTransport } from "@/lib/mail/transport";
import { mapWithConcurrency } from "@/lib/notifications/channels/concurrency";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { testBookingPayload } from "@/lib/testing/outbox";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { log } from "./lib";

const N = Number(process.env.BENCH_EMAILS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 1_000);
const SMTP_CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8);
// For profiling one stage: BENCH_STAGES=smtp BENCH_CPU_PROFILE=smtp.cpuprofile profiles the
// measured loops only (not the sample set-up, which runs PGlite).
const STAGES = new Set((process.env.BENCH_STAGES ?? "render,compose,smtp").split(","));
const PROFILE = process.env.BENCH_CPU_PROFILE;
const SALONS = 20;
const FROM = "Salon booking <bookings@salon.test>";
const DOMAIN = "salon-booking.local";
const APP_URL = "https://salon.test";
const TYPES: BookingEventType[] = ["booking.created", "booking.created", "booking.created", "booking.rescheduled", "booking.cancelled"];

interface Recipient {
  name: string;
  email: string;
}
interface Sample {
  event: BookingEmailEvent;
  owner: Recipient;
  manageUrl: string;
  salonUrl: string;
}
type Render = (sample: Sample) => Mail.Options;

// As the owner-email channel does: render, then address the owner by name.
const renderOwner: Render = ({ event, owner }) => {
  const message = renderBookingEmail(event, { to: owner.email, from: FROM, messageIdDomain: DOMAIN });
  message.to = { name: owner.name, address: owner.email };
  return message;
};
// As the customer-email channel does, with a manage link of the real token length.
const renderCustomer: Render = ({ event, manageUrl, salonUrl }) =>
  renderCustomerEmail(event, { from: FROM, messageIdDomain: DOMAIN, manageUrl, cutoffMinutes: 120, salonUrl });

async function makeSamples(): Promise<Sample[]> {
  // In-memory PGlite: real fixture rows without needing a server; only payloads leave it.
  const handle = openDatabase({});
  await migrate(handle);
  const zones = ["Europe/London", "America/New_York", "America/Los_Angeles"];
  const samples: Sample[] = [];
  try {
    const fixtures = [];
    for (let i = 0; i < SALONS; i++) fixtures.push(await createSalonFixture(handle.db, { timeZone: zones[i % 3] }));
    for (let i = 0; i < N; i++) {
      const fixture = fixtures[i % SALONS];
      const eventType = TYPES[i % TYPES.length];
      const start = new Date(Date.UTC(2030, 2, 1 + (i % 60), 9 + (i % 8), (i % 4) * 15));
      const payload = testBookingPayload(fixture, { eventType, start });
      samples.push({
        event: { id: 100_000 + i, eventType, payload, createdAt: new Date(Date.UTC(2030, 1, 1, 0, 0, i % 60)) },
        owner: { name: fixture.owner.name, email: fixture.owner.email },
        manageUrl: manageBookingUrl(APP_URL, randomBytes(32).toString("base64url")),
        salonUrl: `${APP_URL}/s/${encodeURIComponent(fixture.salon.slug)}`,
      });
    }
  } finally {
    await handle.close();
  }
  return samples;
}

/** CPU ms per message of `loop` over the samples: the median of ROUNDS runs after a warm-up. */
async function measure(stage: string, samples: Sample[], loop: (batch: Sample[]) => Promise<number>): Promise<number> {
  await loop(samples.slice(0, WARMUP));
  const perMessage: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const cpu = process.cpuUsage();
    const bytes = await loop(samples);
    const used = process.cpuUsage(cpu);
    perMessage.push((used.user + used.system) / 1000 / samples.length);
    log(stage, { round, cpu_ms_per_message: round3(perMessage[round]), bytes_per_message: Math.round(bytes / samples.length) });
  }
  return round3(perMessage.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)]);
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

// The renderers are synchronous; the loop sums a length so the work cannot be optimised away.
const renderLoop = (render: Render) => async (batch: Sample[]) => {
  let size = 0;
  for (const sample of batch) {
    const message = render(sample);
    size += String(message.html).length;
  }
  return size;
};

const composeLoop = (render: Render) => {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return async (batch: Sample[]) => {
    let size = 0;
    for (const sample of batch) size += ((await composer.sendMail(render(sample))).message as Buffer).length;
    return size;
  };
};

/** The SMTP sink in a child process: its URL, its CPU so far, and a way to stop it. */
async function startSinkProcess() {
  const child = fork(import.meta.filename, ["--smtp-sink"], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = <T>() => new Promise<T>((resolve) => child.once("message", (m) => resolve(m as T)));
  const { url } = await next<{ url: string }>();
  return {
    url,
    async stats() {
      const reply = next<{ cpuMs: number; messages: number }>();
      child.send("stats");
      return reply;
    },
    stop: () => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.send("stop"))),
  };
}

async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  return {
    async stop() {
      const { profile } = await session.post("Profiler.stop");
      await writeFile(PROFILE!, JSON.stringify(profile));
      session.disconnect();
      log("cpu profile written", { file: PROFILE });
    },
  };
}

async function runSink(): Promise<void> {
  const sink = await startSmtpSink({ keepMessages: false });
  process.on("message", (message) => {
    if (message === "stats") {
      const used = process.cpuUsage();
      process.send!({ cpuMs: (used.user + used.system) / 1000, messages: sink.messageIds.length });
    }
    if (message === "stop") void sink.close().then(() => process.exit(0));
  });
  process.send!({ url: sink.url });
}

async function main(): Promise<void> {
  log("email-cpu: building samples", { messages: N, rounds: ROUNDS, warmup: WARMUP });
  const samples = await makeSamples();
  const profiler = PROFILE ? await startProfiler() : undefined;
  const result: Record<string, Record<string, number>> = { owner: {}, customer: {} };
  const renders: [string, Render][] = [
    ["owner", renderOwner],
    ["customer", renderCustomer],
  ];

  if (STAGES.has("render")) {
    for (const [name, render] of renders) result[name].render_ms = await measure(`${name}: render`, samples, renderLoop(render));
  }
  if (STAGES.has("compose")) {
    for (const [name, render] of renders) result[name].compose_ms = await measure(`${name}: render+compose`, samples, composeLoop(render));
  }
  if (STAGES.has("smtp")) await smtpStage(renders, samples, result);
  if (profiler) await profiler.stop();
  console.log(JSON.stringify({ messages: N, rounds: ROUNDS, smtp_connections: SMTP_CONNECTIONS, cpu_ms_per_message: result }));
}

async function smtpStage(renders: [string, Render][], samples: Sample[], result: Record<string, Record<string, number>>): Promise<void> {
  const sink = await startSinkProcess();
  const transport = createMailTransport({ smtpUrl: sink.url, mailDir: "/nonexistent", maxConnections: SMTP_CONNECTIONS });
  try {
    for (const [name, render] of renders) {
      const before = await sink.stats();
      result[name].smtp_ms = await measure(`${name}: render+smtp`, samples, async (batch) => {
        // As the channels do: twice the pool's connections in flight.
        await mapWithConcurrency(batch, SMTP_CONNECTIONS * 2, (sample) => transport.send(render(sample), sample.event.id));
        return 0;
      });
      const after = await sink.stats();
      result[name].sink_ms = round3((after.cpuMs - before.cpuMs) / (after.messages - before.messages));
    }
  } finally {
    await transport.close();
    await sink.stop();
  }
}

const run = process.argv[2] === "--smtp-sink" ? runSink() : main();
run.catch((error) => {
  console.error(error);
  process.exit(1);
});
