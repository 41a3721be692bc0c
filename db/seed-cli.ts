import { databaseFromEnv, openDatabase } from "./client";
import { migrate } from "./migrate";
import { seedIfEmpty } from "./seed";

// `npm run db:seed`: migrates, then seeds the demo owners and salons if the database is empty.
const handle = openDatabase(databaseFromEnv());
try {
  await migrate(handle);
  const seeded = await seedIfEmpty(handle.db);
  console.log(seeded ? `demo data seeded (${handle.driver})` : "database already has data; nothing seeded");
} finally {
  await handle.close();
}
