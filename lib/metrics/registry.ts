import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "@/db/client";
import { outboxStats } from "@/lib/outbox/admin";
import type { DrainResult } from "@/lib/outbox/relay";

// The process's Prometheus metrics. The composition root (lib/runtime.ts) makes one set per
// process; the relay reports into it and /api/metrics renders it, with the outbox gauges read
// fresh from the database at scrape time.

export interface RelayMetrics {
  registry: Registry;
  events: Gauge<"stage">;
  oldestWaiting: Gauge;
  channelDeliveries: Gauge<"channel" | "state">;
  channelOldestWaiting: Gauge<"channel">;
  deliveryLatency: Histogram<"channel">;
  relayBatches: Counter<"relay">;
  relayEvents: Counter<"relay" | "outcome">;
  relayDeliveries: Counter<"relay" | "outcome">;
}

export function createRelayMetrics(): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    events: new Gauge({
      name: "outbox_events",
      help: "Outbox events not finished, by stage: scheduled (not yet due), waiting (due, to be fanned out), delivering (some channel still open). Read at scrape time.",
      labelNames: ["stage"],
      registers,
    }),
    oldestWaiting: new Gauge({
      name: "outbox_oldest_waiting_seconds",
      help: "How long the oldest event due for fan-out has waited (0 when none; scheduled events are not waiting).",
      registers,
    }),
    channelDeliveries: new Gauge({
      name: "outbox_deliveries",
      help: "Open and given-up deliveries per channel: waiting (due, first try), retrying (failed, waiting for their next try), in_flight, given_up.",
      labelNames: ["channel", "state"],
      registers,
    }),
    channelOldestWaiting: new Gauge({
      name: "outbox_channel_oldest_waiting_seconds",
      help: "How long the oldest delivery due on a channel (or event due for fan-out) has waited; 0 when none.",
      labelNames: ["channel"],
      registers,
    }),
    deliveryLatency: new Histogram({
      name: "outbox_delivery_latency_seconds",
      help: "Time from an event's commit to its delivery on a channel.",
      labelNames: ["channel"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers,
    }),
    relayBatches: new Counter({
      name: "outbox_relay_batches_total",
      help: "Relay batches (fan-out or channel) run by this process.",
      labelNames: ["relay"],
      registers,
    }),
    relayEvents: new Counter({
      name: "outbox_relay_events_total",
      help: "Events this process's relay claimed for fan-out (claimed) and finished at fan-out (done).",
      labelNames: ["relay", "outcome"],
      registers,
    }),
    relayDeliveries: new Counter({
      name: "outbox_relay_deliveries_total",
      help: "Channel deliveries by this process's relay: delivered, retried (failed, will try again), given_up.",
      labelNames: ["relay", "outcome"],
      registers,
    }),
  };
}

/** The relay's onDelivered: one channel delivered one event, latencyMs after its commit. */
export function observeDelivery(metrics: RelayMetrics, channel: string, latencyMs: number): void {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
  metrics.deliveryLatency.observe({ channel }, latencyMs / 1000);
}

/** Counts what relay batches did; `relay` is the mode that ran them ("embedded" or "inngest"). */
export function recordRelayOutcome(metrics: RelayMetrics, relay: string, outcome: DrainResult): void {
  if (outcome.batches > 0) metrics.relayBatches.inc({ relay }, outcome.batches);
  if (outcome.claimed > 0) metrics.relayEvents.inc({ relay, outcome: "claimed" }, outcome.claimed);
  if (outcome.done > 0) metrics.relayEvents.inc({ relay, outcome: "done" }, outcome.done);
  if (outcome.delivered > 0) metrics.relayDeliveries.inc({ relay, outcome: "delivered" }, outcome.delivered);
  if (outcome.retried > 0) metrics.relayDeliveries.inc({ relay, outcome: "retried" }, outcome.retried);
  if (outcome.givenUp > 0) metrics.relayDeliveries.inc({ relay, outcome: "given_up" }, outcome.givenUp);
}

/** The Prometheus text exposition, with the outbox gauges read fresh from the database. */
export async function renderMetrics(metrics: RelayMetrics, db: Database, channels: string[]): Promise<{ contentType: string; body: string }> {
  const stats = await outboxStats(db, { channels });
  for (const [stage, count] of Object.entries(stats.events)) metrics.events.set({ stage }, count);
  metrics.oldestWaiting.set(stats.oldestWaitingAgeSeconds ?? 0);
  for (const c of stats.channels) {
    metrics.channelDeliveries.set({ channel: c.channel, state: "waiting" }, c.waiting);
    metrics.channelDeliveries.set({ channel: c.channel, state: "retrying" }, c.retrying);
    metrics.channelDeliveries.set({ channel: c.channel, state: "in_flight" }, c.inFlight);
    metrics.channelDeliveries.set({ channel: c.channel, state: "given_up" }, c.givenUp);
    metrics.channelOldestWaiting.set({ channel: c.channel }, c.oldestWaitingAgeSeconds ?? 0);
  }
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
