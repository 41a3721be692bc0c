import { requireOwner } from "@/auth";
import { getDb } from "@/db/client";
import { fieldErrors } from "@/lib/booking/schemas";
import { getRuntime } from "@/lib/runtime";
import { streamCursorSchema } from "@/lib/notifications/schemas";
import { createNotificationStream } from "@/lib/notifications/stream";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const NO_STORE = { "Cache-Control": "no-store" };

// The owner's live feed as Server-Sent Events. The session is checked here, on the stream itself:
// a page guard would not stop anyone from opening this URL directly.
export async function GET(request: Request) {
  const owner = await requireOwner();
  if (!owner) return Response.json({ error: "unauthorized" }, { status: 401, headers: NO_STORE });

  // A reconnecting EventSource sends Last-Event-ID; ?after= is for the first connection.
  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("after") ?? undefined;
  const cursor = streamCursorSchema.safeParse(raw === "" ? undefined : raw);
  if (!cursor.success) {
    return Response.json(
      { error: "invalid", fieldErrors: { lastEventId: Object.values(fieldErrors(cursor.error)).flat() } },
      { status: 400, headers: NO_STORE },
    );
  }

  const body = createNotificationStream(await getDb(), {
    ownerId: owner.id,
    lastEventId: cursor.data,
    signal: request.signal,
    signals: getRuntime().signals,
    maxAgeMs: 10 * 60_000,
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform also keeps Next's gzip from buffering the stream.
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
