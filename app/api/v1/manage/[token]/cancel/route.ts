import { getDb } from "@/db/client";
import { respondCancelBooking } from "@/lib/api";
import { internalErrorResponse, requestIp } from "@/lib/http";

export const dynamic = "force-dynamic";

// Cancels the booking the token opens; the token is the only authority (no session).
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    return await respondCancelBooking(await getDb(), token, request, { clientIp: requestIp(request) });
  } catch (error) {
    return internalErrorResponse(error, { route: "POST /api/v1/manage/{token}/cancel" });
  }
}
