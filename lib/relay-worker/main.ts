// The relay as a program of its own, on Postgres:
//   --worker      forked by a server in embedded mode (lib/relay-worker/supervisor.ts): nudges and
//                 "stop" come over IPC, each drain's counts go back for the server's /api/metrics;
//   --standalone  `npm run relay`, run by an operator beside servers with RELAY_MODE=external:
//                 nudges come by Postgres NOTIFY, the poll is the safety net.
// Either way it runs the embedded driver's lanes, and on SIGTERM, SIGINT, "stop" or the loss of
// its server it claims nothing more, finishes the batches in hand, and exits.
import { getDatabaseHandle, RELAY_CONNECTION_SETTINGS, setDatabaseSettings } from "@/db/client";
import { ConfigError, getConfig } from "@/lib/config/env";
import { errorFields, log } from "@/lib/log";
import type { EmbeddedRelay } from "@/lib/outbox/drivers/embedded";
import { getRuntime, startEmbeddedRelayFor } from "@/lib/runtime";
import { subscribeToRelayNudges } from "./nudge-signal";
import { STANDALONE_FLAG, WORKER_FLAG, type FromWorker, type ToWorker } from "./protocol";

// Deliveries waiting to be reported with the next drain; a drain reports at most this many.
const MAX_REPORTED_DELIVERIES = 10_000;

async function main(role: "worker" | "standalone"): Promise<void> {
  const config = getConfig();
  if (!config.database.url) {
    // PGlite's data folder belongs to the one process that opened it: the server's.
    throw new ConfigError(["the relay runs in a process of its own only on Postgres: set DATABASE_URL (on PGlite the server runs it)"]);
  }
  setDatabaseSettings(RELAY_CONNECTION_SETTINGS);
  const runtime = getRuntime();
  const { handle } = getDatabaseHandle();
  const db = await runtime.db();
  const send = (message: FromWorker) => {
    if (process.connected) process.send!(message);
  };
  const delivered: [string, number][] = [];
  const relay: EmbeddedRelay = startEmbeddedRelayFor(runtime, db, {
    handleSignals: false,
    ...(role === "worker"
      ? {
          onDelivered: (channel, latencyMs) => {
            if (delivered.length < MAX_REPORTED_DELIVERIES) delivered.push([channel, latencyMs]);
          },
          onDrain: (result, lane) => send({ type: "drain", lane, result, delivered: delivered.splice(0) }),
        }
      : {}),
  });

  let unlisten: (() => Promise<void>) | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (why: string) =>
    (stopping ??= (async () => {
      log.info("relay process stopping", { role, why, holder: relay.holder });
      await relay.stop();
      await unlisten?.().catch(() => {});
      await handle.close().catch(() => {});
      process.exit(0);
    })());
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));

  if (role === "worker") {
    process.on("message", (message: ToWorker) => {
      if (message?.type === "wake") relay.wake(message.nudge);
      else if (message?.type === "stop") void stop("stop");
    });
    // The server is gone (it exited without stopping us): nobody will nudge or stop us.
    process.once("disconnect", () => void stop("server gone"));
    send({ type: "ready", holder: relay.holder });
  } else {
    unlisten = await subscribeToRelayNudges(handle, (nudge) => relay.wake(nudge));
    log.info("relay process ready", { role, holder: relay.holder, pid: process.pid });
  }
}

const role = process.argv.includes(WORKER_FLAG) ? "worker" : process.argv.includes(STANDALONE_FLAG) ? "standalone" : null;
if (!role) {
  process.stderr.write(`usage: relay ${WORKER_FLAG} | ${STANDALONE_FLAG}\n`);
  process.exit(2);
}
main(role).catch((error) => {
  // One line, then stop: a relay with a bad setting must not look alive.
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\n`);
  else log.error("relay process could not start", errorFields(error));
  process.exit(1);
});
