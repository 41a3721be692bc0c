import { getDb } from "@/db/client";
import { respondSalon } from "@/lib/api";
import { internalErrorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  try {
    return await respondSalon(await getDb(), slug);
  } catch (error) {
    return internalErrorResponse(error, { route: "GET /api/v1/salons/{slug}" });
  }
}
