import { getDb } from "@/db/client";
import { respondManagedBooking } from "@/lib/api";
import { internalErrorResponse, requestIp } from "@/lib/http";

export const dynamic = "force-dynamic";

// The customer's booking, authorised by the manage token in the path alone (no session).
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    return await respondManagedBooking(await getDb(), token, { clientIp: requestIp(request) });
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/manage/{token}" });
  }
}
