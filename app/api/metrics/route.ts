import { getDb } from "@/db/client";
import { metricsRequestAllowed } from "@/lib/metrics/auth";
import { renderMetrics } from "@/lib/metrics/registry";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint. Protected by METRICS_TOKEN when it is set (Bearer token).
export async function GET(request: Request) {
  if (!metricsRequestAllowed(request.headers.get("authorization"), process.env.METRICS_TOKEN)) {
    return new Response("unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
    });
  }
  try {
    const { contentType, body } = await renderMetrics(await getDb());
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (error) {
    console.error(JSON.stringify({ msg: "metrics scrape failed", error: String(error) }));
    return new Response("metrics unavailable\n", { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
