// Which relay delivers the outbox for this server. Exactly one is active: the Inngest function
// (served at /api/inngest, driven by Inngest Cloud, a self-hosted `inngest start` or
// `inngest-cli dev`), the embedded driver that runs the same drain beside the Next.js server (in
// its relay worker process on Postgres), or — "external" — a separate `npm run relay` process.

export type RelayMode = "inngest" | "embedded" | "external";
const MODES: readonly string[] = ["inngest", "embedded", "external"];

export interface RelayModeDecision {
  mode: RelayMode;
  /** Why this mode was chosen, for the start-up log line. */
  reason: string;
  /** Configuration problems an operator should fix (the mode still applies). */
  warnings: string[];
}

interface RelayModeSettings {
  RELAY_MODE?: string;
  INNGEST_DEV?: string;
  INNGEST_EVENT_KEY?: string;
  INNGEST_SIGNING_KEY?: string;
}

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== "";

// The SDK reads INNGEST_DEV as a boolean or as the dev server's URL; "0"/"false" mean cloud mode.
export function inngestDevEnabled(value: string | undefined): boolean {
  const v = value?.trim().toLowerCase();
  return v !== undefined && v !== "" && v !== "0" && v !== "false";
}

/** RELAY_MODE wins; otherwise any INNGEST_* setting means Inngest, and nothing means embedded. */
export function decideRelayMode(env: RelayModeSettings): RelayModeDecision {
  const explicit = env.RELAY_MODE?.trim().toLowerCase();
  if (explicit && !MODES.includes(explicit)) {
    throw new Error(`RELAY_MODE must be "inngest", "embedded" or "external", not ${JSON.stringify(env.RELAY_MODE)}`);
  }
  const inngestKeys = (["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"] as const).filter((key) => isSet(env[key]));
  const dev = inngestDevEnabled(env.INNGEST_DEV);
  const present: string[] = [...inngestKeys, ...(dev ? ["INNGEST_DEV"] : [])];

  let mode: RelayMode;
  let reason: string;
  if (explicit) {
    mode = explicit as RelayMode;
    reason = `RELAY_MODE=${explicit}`;
  } else if (present.length > 0) {
    mode = "inngest";
    reason = `${present.join(", ")} set`;
  } else {
    mode = "embedded";
    reason = "no INNGEST_* settings";
  }

  const warnings: string[] = [];
  if (mode === "inngest" && !dev) {
    // v4 defaults to cloud mode: without a signing key every call from Inngest is refused, and
    // without an event key the nudge cannot be sent — only the cron would drive the relay.
    if (!isSet(env.INNGEST_SIGNING_KEY)) warnings.push("INNGEST_SIGNING_KEY is not set: Inngest cannot call /api/inngest");
    if (!isSet(env.INNGEST_EVENT_KEY)) warnings.push("INNGEST_EVENT_KEY is not set: nudges are off, the relay runs on the minute cron only");
  }
  return { mode, reason, warnings };
}
