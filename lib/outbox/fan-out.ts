import type { Database } from "@/db/client";
import type { ClaimedEvent } from "./claim-events";
import { afterFailure, giveUpReason, giveUpTime, isExpired, type RetryPolicy } from "./retry-policy";
import type { ChannelResult, DeliveredHook, OutboxChannel } from "./types";

// The fan-out of a claimed batch: every channel that applies to an event gets a delivery. Inline
// channels are delivered here and now (unless they are still trying an earlier event of the same
// aggregate); queued channels get a pending delivery for their own lane. What to write is planned
// here and written by completeFanOut in one statement.

/** A delivery row to write that is not a plain success or a plain queued one (rare: text per row). */
export interface PlannedDelivery {
  eventId: number;
  channel: string;
  status: "pending" | "given_up";
  attempts: number;
  nextAttemptAt: Date;
  giveUpAt: Date | null;
  lastError: string | null;
  failure: "transient" | "permanent" | "expired" | "lease" | null;
}

export interface FanOut {
  events: ClaimedEvent[];
  /** Per event: how many of its deliveries are open once this fan-out is written. */
  open: Map<number, number>;
  /** Inline successes, per channel: event ids and commit-to-delivered latencies. */
  delivered: Map<string, { ids: number[]; latencies: number[] }>;
  /** Fresh pending deliveries, per channel, due now: event ids and when each gives up. */
  queued: Map<string, { ids: number[]; giveUpAt: string[] }>;
  /** Everything else: failed inline deliveries (retry later or given up), expired or exhausted ones. */
  other: PlannedDelivery[];
  /** Channels that got pending deliveries: their lanes have work. */
  channelsWithWork: Set<string>;
}

export interface FanOutOptions {
  channels: OutboxChannel[];
  now: () => Date;
  policy: RetryPolicy;
  /** An inline channel that has not answered by then counts as a transient failure for the batch. */
  inlineTimeoutMs: number;
  onDelivered?: DeliveredHook;
  random?: () => number;
}

export async function fanOutEvents(db: Database, events: ClaimedEvent[], options: FanOutOptions): Promise<FanOut> {
  const now = options.now();
  const plan: FanOut = { events, open: new Map(), delivered: new Map(), queued: new Map(), other: [], channelsWithWork: new Set() };
  const inlineTodo = new Map<OutboxChannel, ClaimedEvent[]>();
  const addOpen = (eventId: number, n = 1) => plan.open.set(eventId, (plan.open.get(eventId) ?? 0) + n);

  for (const event of events) {
    plan.open.set(event.id, event.existingOpen);
    for (const channel of options.channels) {
      if (event.existingChannels.includes(channel.name)) continue;
      if (channel.appliesTo && !channel.appliesTo(event)) continue;
      const honours = channel.honoursExpiry === true;
      if (event.exhausted) {
        plan.other.push(givenUp(event.id, channel.name, "lease", "lease of the fan-out lapsed", now, options.policy));
      } else if (isExpired(event.expiresAt, honours, now)) {
        plan.other.push(givenUp(event.id, channel.name, "expired", null, now, options.policy));
      } else if (channel.mode === "queued" || event.blockedChannels.includes(channel.name)) {
        // Queued channels are delivered by their own lane; an inline channel still trying an
        // earlier event of this aggregate must not overtake it, so it waits in its lane too.
        let list = plan.queued.get(channel.name);
        if (!list) plan.queued.set(channel.name, (list = { ids: [], giveUpAt: [] }));
        list.ids.push(event.id);
        list.giveUpAt.push(giveUpTime(now, event.expiresAt, honours, options.policy).toISOString());
        plan.channelsWithWork.add(channel.name);
        addOpen(event.id);
      } else {
        let todo = inlineTodo.get(channel);
        if (!todo) inlineTodo.set(channel, (todo = []));
        todo.push(event);
      }
    }
  }

  await Promise.all(
    [...inlineTodo].map(async ([channel, todo]) => {
      const results = await deliverInline(db, channel, todo, options);
      const finishedAt = options.now();
      for (const event of todo) {
        const result = results.get(event.id) ?? { eventId: event.id, ok: false as const, error: "channel returned no result", failure: "transient" as const };
        if (result.ok) {
          const latencyMs = latencySince(event.dueAt, finishedAt);
          let list = plan.delivered.get(channel.name);
          if (!list) plan.delivered.set(channel.name, (list = { ids: [], latencies: [] }));
          list.ids.push(event.id);
          list.latencies.push(latencyMs);
          options.onDelivered?.(channel.name, latencyMs);
          continue;
        }
        const honours = channel.honoursExpiry === true;
        const giveUpAt = giveUpTime(now, event.expiresAt, honours, options.policy);
        const next = afterFailure(result.failure, 1, giveUpAt, event.expiresAt, honours, finishedAt, options.policy, options.random);
        if (next.kind === "give_up") {
          plan.other.push(givenUp(event.id, channel.name, next.failure, result.error, finishedAt, options.policy, 1));
        } else {
          plan.other.push({
            eventId: event.id,
            channel: channel.name,
            status: "pending",
            attempts: 1,
            nextAttemptAt: next.at,
            giveUpAt,
            lastError: result.error,
            failure: result.failure,
          });
          plan.channelsWithWork.add(channel.name);
          addOpen(event.id);
        }
      }
    }),
  );
  return plan;
}

async function deliverInline(
  db: Database,
  channel: OutboxChannel,
  events: ClaimedEvent[],
  options: FanOutOptions,
): Promise<Map<number, ChannelResult>> {
  let results: ChannelResult[];
  try {
    results = await withTimeout(channel.deliver(events, { db, now: options.now() }), options.inlineTimeoutMs, channel.name);
  } catch (error) {
    results = events.map((e) => ({ eventId: e.id, ok: false as const, error: errorMessage(error), failure: "transient" as const }));
  }
  return new Map(results.map((r) => [r.eventId, r]));
}

function givenUp(
  eventId: number,
  channel: string,
  failure: "transient" | "permanent" | "expired" | "lease",
  lastError: string | null,
  now: Date,
  policy: RetryPolicy,
  attempts = 0,
): PlannedDelivery {
  return {
    eventId,
    channel,
    status: "given_up",
    attempts,
    nextAttemptAt: now,
    giveUpAt: null,
    lastError: giveUpReason(failure, lastError, policy),
    failure,
  };
}

/** Due-to-delivered time in ms, kept within the column's range (a day's retries, not 25 days). */
export function latencySince(dueAt: Date, deliveredAt: Date): number {
  return Math.min(2_147_483_647, Math.max(0, deliveredAt.getTime() - dueAt.getTime()));
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { responseCode?: number; code?: string }).responseCode ?? (error as { code?: string }).code;
    return code && !error.message.includes(String(code)) ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
