import { Inngest } from "inngest";

// The Inngest client. The SDK reads its settings from the environment:
//   INNGEST_DEV=1            talk to a local `inngest-cli dev` server (no keys needed). Without it the
//                            v4 SDK is in cloud mode and requires INNGEST_SIGNING_KEY.
//   INNGEST_BASE_URL         the Inngest server to use (self-hosted `inngest start`, or a dev server
//                            that is not on http://localhost:8288).
//   INNGEST_EVENT_KEY        key for sending events (the outbox/pending nudge) in cloud mode.
//   INNGEST_SIGNING_KEY      key that signs Inngest's calls to /api/inngest (cloud/self-hosted mode).
// No key lives in code. See docs/relay.md.
export const inngest = new Inngest({ id: "salon-booking" });

/** The nudge event: "something was committed to the outbox, drain it now". Carries no data. */
export const OUTBOX_PENDING_EVENT = "outbox/pending";
