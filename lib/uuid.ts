// Ids from URLs, forms, event data and NOTIFY payloads are checked before they reach a uuid
// column: Postgres would answer a malformed one with an error (22P02), not with "not found".
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_RE.test(value);
}
