// Next.js start-up hook: starts this server's one relay mode (see docs/relay.md). Node.js
// runtime only — the edge runtime has no database driver or timers to run a relay with.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const [{ getDb }, { inngest, outboxPendingEvents }, { getRelayChannels }, { startRelay }] = await Promise.all([
    import("./db/client"),
    import("./inngest/client"),
    import("./lib/relay/channels"),
    import("./lib/relay/runtime"),
  ]);
  startRelay({
    getDb,
    getChannels: getRelayChannels,
    sendNudgeEvent: (salonIds) => inngest.send(outboxPendingEvents(salonIds)),
  });
}
