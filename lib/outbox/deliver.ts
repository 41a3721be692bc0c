import type { ChannelContext, ChannelResult, ClaimedEvent, OutboxChannel } from "./types";
import type { Database } from "@/db/client";

/** One channel's outcome for one event, recorded as a deliveries row. */
export type ChannelOutcome =
  | { eventId: number; channel: string; ok: true; latencyMs: number }
  | { eventId: number; channel: string; ok: false; error: string };

/** What became of a claimed event: every channel done, a failure, or put back untried. */
export type EventOutcome =
  | { event: ClaimedEvent; kind: "sent" }
  | { event: ClaimedEvent; kind: "failed"; error: string }
  | { event: ClaimedEvent; kind: "released" };

export interface DeliverOptions {
  channels: OutboxChannel[];
  now: () => Date;
  /** A channel call that takes longer is counted as failed, so the batch ends inside its lease. */
  channelTimeoutMs: number;
  onDelivered?: (channel: string, latencyMs: number) => void;
}

/**
 * Delivers a claimed batch to every channel that has not yet succeeded for each event.
 *
 * Events of one aggregate go in id order, one "wave" at a time: the n-th event of every
 * aggregate in the batch together, so channels still get whole batches. When an event fails,
 * the later events of its aggregate in this batch are released untried — they must not
 * overtake it (invariant 5). (claimDueEvents already gives at most one event per aggregate;
 * this keeps the guarantee for any caller that hands over more.)
 */
export async function deliverClaimedEvents(
  db: Database,
  events: ClaimedEvent[],
  options: DeliverOptions,
): Promise<{ events: EventOutcome[]; channels: ChannelOutcome[] }> {
  const queues = new Map<string, ClaimedEvent[]>();
  for (const event of [...events].sort((a, b) => a.id - b.id)) {
    const key = `${event.aggregateType}:${event.aggregateId}`;
    const queue = queues.get(key);
    if (queue) queue.push(event);
    else queues.set(key, [event]);
  }

  const eventOutcomes: EventOutcome[] = [];
  const channelOutcomes: ChannelOutcome[] = [];
  let wave = [...queues.values()].map((queue) => queue.shift()!);
  while (wave.length > 0) {
    const errors = await deliverWave(db, wave, options, channelOutcomes);
    const next: ClaimedEvent[] = [];
    for (const event of wave) {
      const queue = queues.get(`${event.aggregateType}:${event.aggregateId}`)!;
      const failures = errors.get(event.id);
      if (!failures) {
        eventOutcomes.push({ event, kind: "sent" });
        if (queue.length > 0) next.push(queue.shift()!);
      } else {
        eventOutcomes.push({ event, kind: "failed", error: failures.join("; ") });
        for (const later of queue.splice(0)) eventOutcomes.push({ event: later, kind: "released" });
      }
    }
    wave = next;
  }
  return { events: eventOutcomes, channels: channelOutcomes };
}

/** Runs all channels side by side over one wave; returns the failures by event id. */
async function deliverWave(
  db: Database,
  wave: ClaimedEvent[],
  options: DeliverOptions,
  outcomes: ChannelOutcome[],
): Promise<Map<number, string[]>> {
  const errors = new Map<number, string[]>();
  const context: ChannelContext = { db, now: options.now() };
  await Promise.all(
    options.channels.map(async (channel) => {
      const todo = wave.filter(
        (event) => !event.deliveredChannels.includes(channel.name) && (channel.appliesTo?.(event) ?? true),
      );
      if (todo.length === 0) return;
      let results: ChannelResult[];
      try {
        results = await withTimeout(channel.deliver(todo, context), options.channelTimeoutMs, channel.name);
      } catch (error) {
        results = todo.map((event) => ({ eventId: event.id, ok: false as const, error: errorMessage(error) }));
      }
      const byId = new Map(results.map((result) => [result.eventId, result]));
      const finishedAt = options.now().getTime();
      for (const event of todo) {
        const result = byId.get(event.id) ?? { ok: false as const, error: "channel returned no result" };
        if (result.ok) {
          const latencyMs = Math.max(0, finishedAt - event.createdAt.getTime());
          outcomes.push({ eventId: event.id, channel: channel.name, ok: true, latencyMs });
          options.onDelivered?.(channel.name, latencyMs);
        } else {
          outcomes.push({ eventId: event.id, channel: channel.name, ok: false, error: result.error });
          const list = errors.get(event.id) ?? [];
          list.push(`${channel.name}: ${result.error}`);
          errors.set(event.id, list);
        }
      }
    }),
  );
  return errors;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
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
