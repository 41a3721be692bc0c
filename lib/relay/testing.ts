import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import { outbox } from "@/db/schema";
import type { ChannelResult, OutboxChannel, OutboxEvent } from "@/lib/outbox/relay";

// Test doubles for the relay drivers: an outbox row without a booking behind it, and an
// in-memory channel that records what it was given and can be held mid-delivery.

/** Inserts one pending booking.created event for `salonId` and returns its id. */
export async function insertPendingEvent(db: Database, salonId: string): Promise<number> {
  const [row] = await db
    .insert(outbox)
    .values({
      aggregateType: "booking",
      aggregateId: randomUUID(),
      salonId,
      eventType: "booking.created",
      payload: { test: true },
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
}

/** A channel that always succeeds and remembers what it delivered. */
export function createRecordingChannel(name = "test-channel"): RecordingChannel {
  let gate: Promise<void> | null = null;
  let onHeld: (() => void) | null = null;
  let heldSignal: Promise<void> = new Promise((resolve) => (onHeld = resolve));
  const channel: RecordingChannel = {
    name,
    delivered: [],
    calls: 0,
    async deliver(events: OutboxEvent[]): Promise<ChannelResult[]> {
      channel.calls += 1;
      if (gate) {
        onHeld?.();
        await gate;
      }
      channel.delivered.push(...events.map((e) => e.id));
      return events.map((e) => ({ eventId: e.id, ok: true as const }));
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
