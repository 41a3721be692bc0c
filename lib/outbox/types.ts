// The contract between the relay engine and the subscribers ("channels") it delivers events to.
// Generic: nothing here knows what a booking is.
import type { Database } from "@/db/client";

/** An outbox event as channels receive it: what they need to deliver it. */
export interface OutboxEvent {
  id: number;
  aggregateType: string;
  aggregateId: string;
  salonId: string;
  eventType: string;
  payload: unknown;
  createdAt: Date;
  /** When it became due: its commit, or the time it was scheduled for. Latency is measured from here. */
  dueAt: Date;
  /** After this instant the event is useless to channels that honour expiry; null: never. */
  expiresAt: Date | null;
}

/**
 * How a failure should be treated: `transient` (a mail server's "try later", a timeout, a refused
 * connection) is retried with backoff until the retry horizon; `permanent` (the recipient was
 * refused, an address that cannot be mailed) gives up at once for this channel.
 */
export type FailureClass = "transient" | "permanent";

/** What a channel reports for one event it was given. */
export type ChannelResult =
  | { eventId: number; ok: true }
  | { eventId: number; ok: false; error: string; failure: FailureClass };

export interface ChannelContext {
  db: Database;
  /** The relay's clock (injectable in tests). */
  now: Date;
  /**
   * A channel that delivers event by event (email) reports each outcome here as soon as it has
   * it, so it is recorded while the rest of the batch is still on its way; deliver() still
   * returns every result (one reported already is not recorded twice).
   */
  report?(result: ChannelResult): void;
}

/**
 * A subscriber of the outbox. Each has its own delivery state per event (a deliveries row), its
 * own retry schedule and, in the drivers, its own lane: one channel's slowness or failures never
 * hold back another's.
 *
 * `inline` channels (cheap, local: a database insert) are delivered while the event is fanned
 * out, so they see a new event at once. `queued` channels (network: email) get a pending delivery
 * at fan-out and are delivered by their own lane, so a slow mail server never delays an inline
 * channel or the fan-out of later events.
 *
 * deliver() gets a whole batch — to write it in one statement or send it with bounded concurrency
 * — and answers per event, so one bad event fails alone. It is never given two events of one
 * aggregate at once, and events of one aggregate reach it in order. Delivery must be idempotent
 * per event id: after a crash the same event may arrive again. A channel that talks to the network
 * bounds each message itself (a per-message timeout) and reports every message it was given.
 */
export interface OutboxChannel {
  name: string;
  mode: "inline" | "queued";
  /** Events this channel does not care about get no delivery at all. */
  appliesTo?(event: OutboxEvent): boolean;
  /** Whether this channel gives up on an event after its expiresAt (a reminder after the visit). */
  honoursExpiry?: boolean;
  deliver(events: OutboxEvent[], context: ChannelContext): Promise<ChannelResult[]>;
  /** Releases pooled connections (SMTP) when the process or test is done. */
  close?(): Promise<void>;
}

/** One channel's delivery that went through (metrics: commit-to-delivered latency). */
export type DeliveredHook = (channel: string, latencyMs: number) => void;
