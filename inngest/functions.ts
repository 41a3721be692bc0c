import { getDb } from "@/db/client";
import { observeDelivery } from "@/lib/metrics/registry";
import { getRelayChannels } from "@/lib/relay/channels";
import { createRelayOutboxFunction } from "./relay-outbox";

/** The relay over the process's database and channels. */
export const relayOutbox = createRelayOutboxFunction({
  getDb,
  getChannels: getRelayChannels,
  onDelivered: observeDelivery,
});

// Every Inngest function of the app, served by app/api/inngest/route.ts.
export const functions = [relayOutbox];
