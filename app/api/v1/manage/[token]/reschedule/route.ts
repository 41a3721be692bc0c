import { getDb } from "@/db/client";
import { respondRescheduleBooking } from "@/lib/api";
import { internalErrorResponse, requestIp } from "@/lib/http";

export const dynamic = "force-dynamic";

// Moves the booking the token opens; the token is the only authority (no session).
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    return await respondRescheduleBooking(await getDb(), token, request, { clientIp: requestIp(request) });
  } catch (error) {
    return internalErrorResponse(error, { route: "POST /api/v1/manage/{token}/reschedule" });
  }
}
