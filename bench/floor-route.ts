// POST /api/bench/floor — the "floor" of `npm run bench:booking`: the least a Next.js route can do
// for a booking, the baselines' two-insert transaction (insertRawBooking in bench/booking-data.ts:
// keep the two in step) on the app's own pool. It exists only in the benchmark's scratch build
// (bench/bench-app.ts copies this file into a copy of the app, without bench/, hence the copy of
// the SQL); `npm run build` never contains it.
import { randomBytes, randomUUID } from "node:crypto";
import { getDatabaseHandle } from "@/db/client";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FloorBooking {
  salonId: string;
  serviceId: string;
  stylistId: string;
  start: string;
  end: string;
}

function floorBooking(body: unknown): FloorBooking | null {
  if (typeof body !== "object" || body === null) return null;
  const b = body as Record<string, unknown>;
  const ids = [b.salonId, b.serviceId, b.stylistId];
  if (!ids.every((id) => typeof id === "string" && UUID.test(id))) return null;
  const times = [b.start, b.end];
  if (!times.every((t) => typeof t === "string" && t.length <= 40 && !Number.isNaN(Date.parse(t)))) return null;
  return b as unknown as FloorBooking;
}

export async function POST(request: Request) {
  const booking = floorBooking(await request.json().catch(() => null));
  if (!booking) return Response.json({ error: "salonId, serviceId, stylistId (uuids), start and end (ISO times) are required" }, { status: 400 });
  const { handle, ready } = getDatabaseHandle();
  await ready;
  if (handle.driver !== "postgres") return Response.json({ error: "the floor route needs Postgres" }, { status: 400 });
  const sql = handle.sql;
  // Stringified here, not with sql.json(): Drizzle sets this client's json serializer to pass text through.
  const { salonId, serviceId, stylistId, start, end } = booking;
  const payload = { salon: { id: salonId, name: "Bench salon" }, customer: { name: "Bench Customer", email: "bench@example.test" }, padding: "x".repeat(600) };
  const id = await sql.begin(async (tx) => {
    const [b] = await tx`insert into bookings (reference, salon_id, service_id, stylist_id, customer_name, customer_email, starts_at, ends_at, blocked_until, idempotency_key, request_hash)
      values (${randomBytes(6).toString("hex")}, ${salonId}, ${serviceId}, ${stylistId}, 'Bench Customer', 'bench@example.test', ${start}, ${end}, ${end}, ${randomUUID()}, 'floor')
      returning id`;
    await tx`insert into outbox (aggregate_type, aggregate_id, salon_id, event_type, payload, status)
      values ('booking', ${b.id}, ${salonId}, 'booking.created', ${JSON.stringify(payload)}::json, 'done')`;
    return b.id as string;
  });
  return Response.json({ id }, { status: 201 });
}
