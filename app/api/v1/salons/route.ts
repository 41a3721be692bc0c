import { getDb } from "@/db/client";
import { respondSalonList } from "@/lib/api";
import { internalErrorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    return await respondSalonList(await getDb());
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/salons" });
  }
}
