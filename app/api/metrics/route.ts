import { errorFields, log } from "@/lib/log";
import { metricsRequestAllowed } from "@/lib/metrics/auth";
import { renderMetrics } from "@/lib/metrics/registry";
import { getRuntime } from "@/lib/runtime";

export const dynamic = "force-dynamic";

// Prometheus scrape endpoint. Protected by METRICS_TOKEN when it is set (Bearer token); without a
// token it is open only outside production, or when METRICS_PUBLIC says so.
export async function GET(request: Request) {
  const runtime = getRuntime();
  const { config } = runtime;
  if (!metricsRequestAllowed(request.headers.get("authorization"), { ...config.metrics, production: config.production })) {
    return new Response("unauthorized\n", {
      status: 401,
      headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" },
    });
  }
  try {
    const { contentType, body } = await renderMetrics(runtime.metrics, await runtime.db(), runtime.channelNames);
    return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
  } catch (error) {
    log.error("metrics scrape failed", errorFields(error));
    return new Response("metrics unavailable\n", { status: 503, headers: { "Cache-Control": "no-store", "Retry-After": "5" } });
  }
}
