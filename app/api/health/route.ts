import { getDatabaseHandle } from "@/db/client";
import { getHealthReport } from "@/lib/health/report";
import { errorFields, log } from "@/lib/log";
import { getRuntime, relayHealth } from "@/lib/runtime";

export const dynamic = "force-dynamic";

// Readiness and an operator's first look: database reachable, relay mode, outbox per channel.
// A load balancer must hear "not ready" quickly when the database is down, not wait on it.
const HEALTH_TIMEOUT_MS = 900;
const NO_STORE = { "Cache-Control": "no-store" };

export async function GET() {
  const { handle, ready } = getDatabaseHandle();
  const runtime = getRuntime();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the database within ${HEALTH_TIMEOUT_MS} ms`)), HEALTH_TIMEOUT_MS);
  });
  try {
    const report = await Promise.race([
      ready.then(() => getHealthReport(handle.db, handle.driver, relayHealth(runtime.relay), runtime.channelNames)),
      timeout,
    ]);
    return Response.json(report, { headers: NO_STORE });
  } catch (error) {
    log.error("health check failed", errorFields(error));
    return Response.json({ db: "error", driver: handle.driver }, { status: 503, headers: { ...NO_STORE, "Retry-After": "5" } });
  } finally {
    clearTimeout(timer);
  }
}
