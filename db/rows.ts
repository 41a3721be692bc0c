// Raw `db.execute` results differ by driver: postgres.js returns an array, PGlite an object with rows.

/** The rows of a raw db.execute result, whichever driver ran it. */
export function resultRows<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
