import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Database } from "@/db/client";
import { outboxStats } from "@/lib/outbox/relay";

// The process's Prometheus registry. It lives on globalThis so that dev hot reloads, the
// instrumentation hook and every route bundle share one set of counters.

export interface RelayMetrics {
  registry: Registry;
  outboxEvents: Gauge<"status">;
  oldestPendingAge: Gauge;
  deliveryLatency: Histogram<"channel">;
  relayBatches: Counter<"relay">;
  relayEvents: Counter<"relay" | "outcome">;
}

/** What one or more relay batches did, as the relay core reports it. */
export interface BatchOutcome {
  batches: number;
  sent: number;
  retried: number;
  dead: number;
}

const globalForMetrics = globalThis as unknown as { __salonMetrics?: RelayMetrics };

function createRelayMetrics(): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    outboxEvents: new Gauge({
      name: "outbox_events",
      help: "Outbox events by status, read from the database at scrape time.",
      labelNames: ["status"],
      registers: [registry],
    }),
    oldestPendingAge: new Gauge({
      name: "outbox_oldest_pending_age_seconds",
      help: "Age of the oldest pending outbox event (0 when none is pending).",
      registers: [registry],
    }),
    deliveryLatency: new Histogram({
      name: "outbox_delivery_latency_seconds",
      help: "Time from an event's commit to its delivery on a channel.",
      labelNames: ["channel"],
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry],
    }),
    relayBatches: new Counter({
      name: "outbox_relay_batches_total",
      help: "Relay batches (claim, deliver, complete) run by this process.",
      labelNames: ["relay"],
      registers: [registry],
    }),
    relayEvents: new Counter({
      name: "outbox_relay_events_total",
      help: "Events completed by this process's relay batches, by outcome.",
      labelNames: ["relay", "outcome"],
      registers: [registry],
    }),
  };
}

export function getRelayMetrics(): RelayMetrics {
  return (globalForMetrics.__salonMetrics ??= createRelayMetrics());
}

/** RelayOptions.onDelivered: one channel delivered one event, latencyMs after its commit. */
export function observeDelivery(channel: string, latencyMs: number): void {
  if (!Number.isFinite(latencyMs) || latencyMs < 0) return;
  getRelayMetrics().deliveryLatency.observe({ channel }, latencyMs / 1000);
}

/** Counts what a relay run did; `relay` is the mode that ran it ("embedded" or "inngest"). */
export function recordRelayOutcome(relay: string, outcome: BatchOutcome): void {
  const metrics = getRelayMetrics();
  if (outcome.batches > 0) metrics.relayBatches.inc({ relay }, outcome.batches);
  for (const key of ["sent", "retried", "dead"] as const) {
    if (outcome[key] > 0) metrics.relayEvents.inc({ relay, outcome: key }, outcome[key]);
  }
}

/** The Prometheus text exposition, with the outbox gauges read fresh from the database. */
export async function renderMetrics(db: Database): Promise<{ contentType: string; body: string }> {
  const metrics = getRelayMetrics();
  const stats = await outboxStats(db);
  for (const [status, count] of Object.entries(stats.counts)) metrics.outboxEvents.set({ status }, count);
  metrics.oldestPendingAge.set(stats.oldestPendingAgeSeconds ?? 0);
  return { contentType: metrics.registry.contentType, body: await metrics.registry.metrics() };
}
