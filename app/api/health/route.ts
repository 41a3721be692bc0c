import { getDatabaseHandle } from "@/db/client";
import { getHealthReport } from "@/lib/health/report";
import { relayStatus } from "@/lib/relay/runtime";
import { errorFields, log } from "@/lib/log";

export const dynamic = "force-dynamic";

// Readiness and an operator's first look: database reachable, relay mode, outbox backlog.
export async function GET() {
  const { handle, ready } = getDatabaseHandle();
  try {
    await ready;
    const report = await getHealthReport(handle.db, handle.driver, relayStatus());
    return Response.json(report, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    log.error("health check failed", errorFields(error));
    return Response.json({ db: "error", driver: handle.driver }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
