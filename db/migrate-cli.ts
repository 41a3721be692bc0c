import { databaseFromEnv, openDatabase } from "./client";
import { migrate } from "./migrate";

// `npm run db:migrate`: applies migrations to DATABASE_URL (or the embedded database in .data/).
const handle = openDatabase(databaseFromEnv());
try {
  await migrate(handle);
  console.log(`migrations applied (${handle.driver})`);
} finally {
  await handle.close();
}
