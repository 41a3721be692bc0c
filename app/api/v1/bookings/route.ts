import { getDb } from "@/db/client";
import { respondCreateBooking } from "@/lib/api";
import { internalErrorResponse, requestIp } from "@/lib/http";

export const dynamic = "force-dynamic";

// A guest booking: no session, so the checks are the ones inside createBooking (salon, service and
// stylist must belong together; the slot must be offered) plus the size and shape checks here.
export async function POST(request: Request) {
  try {
    return await respondCreateBooking(await getDb(), request, { clientIp: requestIp(request) });
  } catch (error) {
    return internalErrorResponse(error, { route: "POST /api/v1/bookings" });
  }
}
