import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL here; db/migrate.ts applies the same files to PGlite and Postgres.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.ts",
  out: "./db/migrations",
});
