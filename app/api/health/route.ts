import { getDatabaseHandle } from "@/db/client";
import { getHealthReport } from "@/lib/health/report";

export const dynamic = "force-dynamic";

export async function GET() {
  const { handle, ready } = getDatabaseHandle();
  try {
    await ready;
    return Response.json(await getHealthReport(handle.db, handle.driver), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    console.error(JSON.stringify({ msg: "health check failed", error: String(error) }));
    return Response.json({ db: "error", driver: handle.driver }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
