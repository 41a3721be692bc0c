import { getDb } from "@/db/client";
import { respondAvailability } from "@/lib/api";
import { internalErrorResponse, requestIp } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  try {
    return await respondAvailability(await getDb(), slug, new URL(request.url).searchParams, { clientIp: requestIp(request) });
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/salons/{slug}/availability" });
  }
}
