import type { SQL } from "drizzle-orm";
import type { PgDialect, PgSession } from "drizzle-orm/pg-core";
import type { Database } from "./client";

// Drizzle sends every query as an unnamed statement unless it is `.prepare()`d, and postgres.js
// then asks Postgres to describe an unnamed statement with parameters before it binds it: two
// round trips, and a fresh parse and plan, per query. A named prepared statement is parsed once
// per connection and then costs one round trip (Bind/Execute), planned from a cached plan.
// Hot statements (the booking write path, the relay's completion and dashboard insert) use it: a
// builder query through `.prepare(name).execute()`, raw SQL through executePrepared below. (Not the
// relay's claim: see lib/outbox/claim.ts.)
// Only for statements whose text does not vary with their input: postgres.js keeps every
// prepared statement of a connection for the connection's life. DATABASE_PREPARE=false turns
// named statements off (for a transaction-pooling PgBouncer older than 1.21).

/** `db.execute(query)` as a named prepared statement; the result has the same shape. */
export function executePrepared(db: Database, query: SQL): Promise<unknown> {
  // Drizzle keeps these on the database object without typing them publicly.
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, "prepared", false).execute();
}
