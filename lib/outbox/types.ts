// The contract between the relay and the channels it fans events out to.
import type { Database } from "@/db/client";
import type { OutboxEvent as OutboxRow } from "@/db/schema";

/**
 * An outbox event as the relay hands it to channels: what they need to deliver it, and the
 * attempts the completion counts on. The claim reads only these columns of each row — the
 * lease, status and error columns are the relay's bookkeeping, not a channel's business.
 */
export type OutboxEvent = Pick<OutboxRow, "id" | "aggregateType" | "aggregateId" | "salonId" | "eventType" | "payload" | "attempts" | "createdAt">;

/**
 * A claimed event; whether this is its first attempt (no channel can have recorded a delivery
 * yet); the channels that already delivered it on an earlier attempt; and whether a later event
 * of its aggregate waits behind it (sending this one makes that one due).
 */
export type ClaimedEvent = OutboxEvent & { firstAttempt: boolean; deliveredChannels: string[]; hasLater: boolean };

/** What a channel reports for one event it was given. */
export type ChannelResult = { eventId: number; ok: true } | { eventId: number; ok: false; error: string };

export interface ChannelContext {
  db: Database;
  /** The relay's clock (injectable in tests). */
  now: Date;
}

/**
 * A subscriber of the outbox. It receives a whole batch at once — so it can write it in one
 * statement or send it with bounded concurrency — and answers per event, so one bad event fails
 * alone. Events reach it in id order; it is never given two events of one booking at once.
 * Delivery must be idempotent per event id: after a crash the same event may arrive again.
 */
export interface OutboxChannel {
  name: string;
  /** Events this channel does not care about are skipped, and not recorded as deliveries. */
  appliesTo?(event: OutboxEvent): boolean;
  deliver(events: OutboxEvent[], context: ChannelContext): Promise<ChannelResult[]>;
  /** Releases pooled connections (SMTP) when the process or test is done. */
  close?(): Promise<void>;
}
