// Child processes of `npm run bench:relay`, so the work spreads over the machine's cores:
//   --smtp-sink     an SMTP server that records the Message-ID of every message it accepts;
//   --relay-worker  a relay process (own DB pool, own SMTP pool) draining with the real channels.
// Both talk to the parent over the fork IPC channel.
import { openDatabase, RELAY_CONNECTION_SETTINGS } from "@/db/client";
import { createDashboardChannel, createOwnerEmailChannel } from "@/lib/notifications/channels";
import { createMailTransport } from "@/lib/mail/transport";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { Acks, counted, drainUntilEmpty } from "./relay-drain";

export interface RelayWorkerConfig {
  databaseUrl: string;
  smtpUrl: string;
  drainers: number;
  channelLanes: number;
  batchSize: number;
  smtpConnections: number;
}

export interface RelayWorkerReport {
  acks: ReturnType<Acks["toJSON"]>;
  cpuMs: number;
}

async function smtpSink(): Promise<void> {
  const sink = await startSmtpSink({ keepMessages: false });
  process.on("message", (message) => {
    if (message === "report") process.send!({ ids: sink.messageIds });
    if (message === "stop") void sink.close().then(() => process.exit(0));
  });
  process.send!({ url: sink.url });
}

async function relayWorker(config: RelayWorkerConfig): Promise<void> {
  const handle = openDatabase({ url: config.databaseUrl, max: config.drainers + config.channelLanes + 2, settings: RELAY_CONNECTION_SETTINGS });
  const transport = createMailTransport({ smtpUrl: config.smtpUrl, mailDir: "/nonexistent", maxConnections: config.smtpConnections });
  const acks = new Acks();
  // The two channels, built explicitly so the measurement does not change when
  // createDefaultChannels gains channels.
  const channels = [
    createOwnerEmailChannel({ transport, from: "Salon booking <bench@localhost>", messageIdDomain: "salon-booking.local", appUrl: "http://localhost:3000" }),
    createDashboardChannel(),
  ].map((c) => counted(c, acks));
  // "go" starts draining; "last" says the parent has enqueued its last events, so an empty
  // outbox from then on means done.
  let lastEnqueued = false;
  process.on("message", (message) => {
    if (message === "last") lastEnqueued = true;
  });
  process.once("message", async () => {
    const cpu = process.cpuUsage();
    await drainUntilEmpty(handle.db, channels, config.drainers, config.batchSize, () => !lastEnqueued, config.channelLanes);
    const used = process.cpuUsage(cpu);
    await transport.close();
    await handle.close();
    const report: RelayWorkerReport = { acks: acks.toJSON(), cpuMs: (used.user + used.system) / 1000 };
    process.send!(report, () => process.exit(0));
  });
  process.send!("ready");
}

const role = process.argv[2];
const run = role === "--smtp-sink" ? smtpSink() : role === "--relay-worker" ? relayWorker(JSON.parse(process.env.BENCH_RELAY_WORKER ?? "{}")) : null;
if (!run) throw new Error("usage: relay-child.ts --smtp-sink | --relay-worker");
run.catch((error) => {
  console.error(error);
  process.exit(1);
});
