// `npm run db:migrate`: applies the committed migrations in drizzle/ to DATABASE_URL or the embedded database.
import { migrateDb } from "@/db/migrate";
import { openCliDb, runCli } from "./cli-db";

runCli("db:migrate", async () => {
  const handle = await openCliDb("db:migrate");
  await migrateDb(handle);
  console.log(`[db:migrate] migrations applied (${handle.driver})`);
  await handle.close();
});
