import { relayHolderId } from "@/lib/outbox/drivers/embedded";
import { observeDelivery, recordRelayOutcome } from "@/lib/metrics/registry";
import { getRuntime } from "@/lib/runtime";
import { createQueueDaySheetsFunction } from "./queue-day-sheets";
import { createRelayOutboxFunction } from "./relay-outbox";

/** The relay over the process's database and channels (from the composition root, on first run). */
export const relayOutbox = createRelayOutboxFunction({
  getDb: () => getRuntime().db(),
  channels: () => getRuntime().channels(),
  settings: () => getRuntime().relaySettings,
  retentionDays: () => getRuntime().config.relay.retentionDays,
  holder: () => relayHolderId("inngest"),
  onDelivered: (channel, latencyMs) => observeDelivery(getRuntime().metrics, channel, latencyMs),
  onBatch: (result) => recordRelayOutcome(getRuntime().metrics, "inngest", result),
});

export const queueDaySheets = createQueueDaySheetsFunction({ getDb: () => getRuntime().db() });

// Every Inngest function of the app, served by app/api/inngest/route.ts.
export const functions = [relayOutbox, queueDaySheets];
