// A relay in a process of its own, for tests that kill one mid-batch (`fork` with tsx): it drains
// one channel's deliveries of DATABASE_URL's outbox to an SMTP server, as a relay worker would,
// and reports "ready" over IPC. Settings come from RELAY_PROCESS (JSON).
import { openDatabase } from "@/db/client";
import { createTestBookingChannels } from "@/lib/notifications/channels/testing";
import { drainChannel } from "@/lib/outbox/relay";
import { testRelaySettings } from "@/lib/outbox/testing";

interface RelayProcessConfig {
  databaseUrl: string;
  smtpUrl: string;
  channel: string;
  holder: string;
  leaseMs: number;
  channelBatchSize: number;
}

const config = JSON.parse(process.env.RELAY_PROCESS ?? "{}") as RelayProcessConfig;
const handle = openDatabase({ url: config.databaseUrl, max: 4 });
const channels = createTestBookingChannels({ smtpUrl: config.smtpUrl, maxConnections: 4, messageTimeoutMs: 600_000 });
const channel = channels.find((c) => c.name === config.channel);
if (!channel) throw new Error(`no channel ${config.channel}`);
process.send?.("ready");
await drainChannel(handle.db, channel, {
  holder: config.holder,
  channels,
  settings: testRelaySettings({ leaseMs: config.leaseMs, channelBatchSize: config.channelBatchSize }),
});
process.send?.("drained");
