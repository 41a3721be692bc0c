import { pgConstraintName, pgErrorCode } from "@/lib/db-errors";

/** One structured log line for a failure in the booking path; the database's message stays in the log. */
export function logBookingError(msg: string, error: unknown, fields: Record<string, unknown> = {}): void {
  console.error(
    JSON.stringify({
      level: "error",
      msg,
      ...fields,
      pgCode: pgErrorCode(error),
      constraint: pgConstraintName(error),
      error: describe(error),
    }),
  );
}

function describe(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (e instanceof Error) parts.push(e.message);
    else parts.push(String(e));
    e = (e as { cause?: unknown }).cause;
  }
  return parts.join(" <- ");
}
