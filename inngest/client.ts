import { Inngest } from "inngest";
import { NUDGE_EVENT } from "@/lib/outbox/drivers/inngest";

// The Inngest client. The SDK reads its settings from the environment:
//   INNGEST_DEV=1            talk to a local `inngest-cli dev` server (no keys needed). Without it the
//                            v4 SDK is in cloud mode and requires INNGEST_SIGNING_KEY.
//   INNGEST_BASE_URL         the Inngest server to use (self-hosted `inngest start`, or a dev server
//                            that is not on http://localhost:8288).
//   INNGEST_EVENT_KEY        key for sending events (the outbox/pending nudge) in cloud mode.
//   INNGEST_SIGNING_KEY      key that signs Inngest's calls to /api/inngest (cloud/self-hosted mode).
// No key lives in code. See docs/relay.md.
export const inngest = new Inngest({ id: "salon-booking" });

/**
 * The nudge event: "something was committed to the outbox, drain it now". `data.salonId` names the
 * salon whose event it was: that salon's own run drains it (inngest/relay-outbox.ts). Without a
 * salon it asks for a drain of every salon, as the cron does.
 */
export const OUTBOX_PENDING_EVENT = NUDGE_EVENT;

/** The nudge for the salons committed to since the last one: one event per salon (one send). */
export function outboxPendingEvents(salonIds: string[]): { name: typeof OUTBOX_PENDING_EVENT; data: { salonId?: string } }[] {
  if (salonIds.length === 0) return [{ name: OUTBOX_PENDING_EVENT, data: {} }];
  return salonIds.map((salonId) => ({ name: OUTBOX_PENDING_EVENT, data: { salonId } }));
}
