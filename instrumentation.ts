// Next.js start-up hook: checks the configuration, then starts this server's one relay mode (see
// docs/relay.md). Node.js runtime only — the edge runtime has no database driver or timers to run
// a relay with.
export async function register() {
  // NEXT_RUNTIME is set by Next.js itself for each runtime it loads this file in.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ConfigError, getConfig } = await import("./lib/config/env");
  try {
    getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // One line, then stop: a server with a bad setting must not start and look healthy.
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Before the first request: every request carries its socket's address (lib/http/client-ip.ts).
  const { stampPeerAddresses } = await import("./lib/http/client-ip");
  stampPeerAddresses();
  const [{ inngest, outboxPendingEvents }, { getRuntime, startRelay }] = await Promise.all([import("./inngest/client"), import("./lib/runtime")]);
  startRelay(getRuntime(), { sendNudgeEvent: (nudge) => inngest.send(outboxPendingEvents(nudge.salonIds)) });
  // Outside production: say where the database, the dev mailbox and the demo sign-in are.
  const [{ devStartNotes }, { DEMO_OWNERS }, { log }] = await Promise.all([import("./lib/dev-start"), import("./db/seed"), import("./lib/log")]);
  for (const note of devStartNotes(getConfig(), DEMO_OWNERS[0])) log.info(note.msg, note.fields);
}
