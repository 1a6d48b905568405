// `npm run db:seed`: migrates, then loads the deterministic demo data (partners, leads, referrals,
// rewards, payouts, all through the engine) unless it is already there.
import { migrateDb } from "@/db/migrate";
import { demoLoginBanner, seedDemo } from "@/db/seed";
import { openCliDb, runCli } from "./cli-db";

runCli("db:seed", async () => {
  const handle = await openCliDb("db:seed");
  await migrateDb(handle);
  const started = Date.now();
  const { created } = await seedDemo(handle.db);
  console.log(
    created
      ? `[db:seed] demo data loaded in ${Date.now() - started} ms`
      : "[db:seed] demo data already present; nothing to do",
  );
  console.log(demoLoginBanner());
  await handle.close();
});
