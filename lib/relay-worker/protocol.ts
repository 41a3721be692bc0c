import type { Nudge } from "@/lib/outbox/nudge";
import type { DrainResult } from "@/lib/outbox/relay";

// The messages between the server and its relay worker, over the fork IPC channel.

export type ToWorker = { type: "wake"; nudge: Nudge } | { type: "stop" };

export type FromWorker =
  | { type: "ready"; holder: string }
  /** One lane's drain, with the deliveries it made (channel, latency ms), for the server's metrics. */
  | { type: "drain"; lane: string; result: DrainResult; delivered: [string, number][] };

/** The argument that tells lib/relay-worker/main.ts it was forked by a server. */
export const WORKER_FLAG = "--worker";
/** The argument of `npm run relay`: a relay process on its own, nudged through Postgres. */
export const STANDALONE_FLAG = "--standalone";
