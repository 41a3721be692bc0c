import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { outbox } from "@/db/schema";
import type { ChannelResult, OutboxChannel, OutboxEvent, RelaySettings } from "./relay";
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry-policy";

// Test doubles for the relay: an outbox row without a booking behind it, settings with small
// numbers, and an in-memory channel that records what it was given and can be held mid-delivery.

/** Relay settings for tests: the configuration's defaults, with the given changes. */
export function testRelaySettings(overrides: Partial<Omit<RelaySettings, "retry">> & { retry?: Partial<RetryPolicy> } = {}): RelaySettings {
  return {
    batchSize: 200,
    channelBatchSize: 100,
    budgetMs: 30_000,
    leaseMs: 60_000,
    ...overrides,
    retry: { ...DEFAULT_RETRY_POLICY, ...overrides.retry },
  };
}

/** Inserts one pending booking.created event for `salonId` and returns its id. */
export async function insertPendingEvent(db: Database, salonId: string, options: { aggregateId?: string; nextAttemptAt?: Date } = {}): Promise<number> {
  const [row] = await db
    .insert(outbox)
    .values({
      aggregateType: "booking",
      aggregateId: options.aggregateId ?? randomUUID(),
      salonId,
      eventType: "booking.created",
      payload: { test: true },
      ...(options.nextAttemptAt ? { nextAttemptAt: options.nextAttemptAt } : {}),
    })
    .returning({ id: outbox.id });
  return row.id;
}

export interface RecordingChannel extends OutboxChannel {
  /** Event ids in the order they were delivered. */
  delivered: number[];
  /** Number of deliver() calls (batches) received. */
  calls: number;
  /** Holds every later deliver() call until the returned release function is called. */
  hold(): () => void;
  /** Resolves when a deliver() call is waiting on a hold. */
  held(): Promise<void>;
  /** Makes the next deliveries of these events fail (transient unless said otherwise), once each. */
  failNext(eventIds: number[], failure?: "transient" | "permanent"): void;
}

/** A channel that succeeds (unless told to fail) and remembers what it delivered. */
export function createRecordingChannel(name = "test-channel", mode: OutboxChannel["mode"] = "inline"): RecordingChannel {
  let gate: Promise<void> | null = null;
  let onHeld: (() => void) | null = null;
  let heldSignal: Promise<void> = new Promise((resolve) => (onHeld = resolve));
  const failing = new Map<number, "transient" | "permanent">();
  const channel: RecordingChannel = {
    name,
    mode,
    delivered: [],
    calls: 0,
    async deliver(events: OutboxEvent[]): Promise<ChannelResult[]> {
      channel.calls += 1;
      if (gate) {
        onHeld?.();
        await gate;
      }
      return events.map((e) => {
        const failure = failing.get(e.id);
        if (failure) {
          failing.delete(e.id);
          return { eventId: e.id, ok: false as const, error: `${failure} test failure`, failure };
        }
        channel.delivered.push(e.id);
        return { eventId: e.id, ok: true as const };
      });
    },
    hold() {
      let release!: () => void;
      gate = new Promise((resolve) => (release = resolve));
      heldSignal = new Promise((resolve) => (onHeld = resolve));
      return () => {
        gate = null;
        release();
      };
    },
    held: () => heldSignal,
    failNext(eventIds, failure = "transient") {
      for (const id of eventIds) failing.set(id, failure);
    },
  };
  return channel;
}

/** Polls `check` until it is true or `timeoutMs` passes; returns how long it took, or null. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started <= timeoutMs) {
    if (await check()) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return null;
}
