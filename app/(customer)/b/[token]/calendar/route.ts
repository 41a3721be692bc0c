import { getDb } from "@/db/client";
import { renderBookingCalendar } from "@/lib/booking/booking-calendar";
import { limitManageLink } from "@/lib/booking/limit-manage";
import { getManagedBooking } from "@/lib/booking/manage-booking";
import { internalErrorResponse, notFoundResponse, rateLimitedResponse, requestIp } from "@/lib/http";

export const dynamic = "force-dynamic";

// "Add to calendar": the booking a manage token opens, as an .ics download. The token in the path
// is the only authorisation, as for the manage page; it counts against the same limits.
export async function GET(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  try {
    const db = await getDb();
    const limit = await limitManageLink(db, token, { clientIp: requestIp(request) });
    if (!limit.allowed) return rateLimitedResponse(limit.retryAfterSeconds);
    const booking = await getManagedBooking(db, token);
    if (!booking) return notFoundResponse();
    return new Response(renderBookingCalendar(booking), {
      headers: {
        "Content-Type": "text/calendar; charset=utf-8",
        "Content-Disposition": `attachment; filename="booking-${booking.reference}.ics"`,
        "Cache-Control": "no-store",
        "Referrer-Policy": "no-referrer",
      },
    });
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /b/{token}/calendar" });
  }
}
