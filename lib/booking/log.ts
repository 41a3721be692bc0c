import { pgConstraintName, pgErrorCode } from "@/lib/db-errors";
import { errorFields, log } from "@/lib/log";

/** One structured log line for a failure in the booking path; the database's message stays in the log. */
export function logBookingError(msg: string, error: unknown, fields: Record<string, unknown> = {}): void {
  log.error(msg, { ...fields, pgCode: pgErrorCode(error), constraint: pgConstraintName(error), ...errorFields(error) });
}
