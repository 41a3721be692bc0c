import { createDefaultChannels } from "@/lib/outbox/channels";
import type { OutboxChannel } from "@/lib/outbox/relay";

// One set of delivery channels per process (the owner-email channel holds a pooled SMTP
// transport), shared by the embedded driver and the Inngest function, kept across hot reloads.

const globalForChannels = globalThis as unknown as { __salonRelayChannels?: OutboxChannel[] };

/** The process's channels as configured by SMTP_URL / MAIL_FROM (dev mailbox without SMTP_URL). */
export function getRelayChannels(): OutboxChannel[] {
  return (globalForChannels.__salonRelayChannels ??= createDefaultChannels());
}
