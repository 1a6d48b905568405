import { env } from "@/lib/env";
import { getDbHandle } from "./index";
import { migrateDb } from "./migrate";
import { demoLoginBanner, hasDemoData, seedDemo } from "./seed";

/**
 * Runs once per server process (from `instrumentation.ts`): check the environment, migrate, seed a fresh
 * embedded database with demo data, print the demo logins.
 */
export async function boot(): Promise<void> {
  env(); // a bad variable stops start-up here, named, before anything opens
  const handle = await getDbHandle();
  await migrateDb(handle);
  const { migrateLegacyPayoutDetails } = await import("@/lib/payout-details/service");
  const moved = await migrateLegacyPayoutDetails(handle.db);
  if (moved) console.log(`[boot] sealed the free-text payout accounts of ${moved} partner(s)`);
  const { usingDevKey } = await import("@/lib/crypto/sealed");
  if (env().NODE_ENV === "production" && usingDevKey())
    console.warn("[boot] PAYOUT_DATA_KEYS is not set: payout data is sealed with the public development key.");
  const seedWanted = env().SEED_DEMO ?? handle.driver === "pglite";
  if (seedWanted) {
    const { created } = await seedDemo(handle.db);
    if (created) console.log("[boot] seeded demo data");
  }
  console.log(`[boot] database ready (${handle.driver})`);
  if (await hasDemoData(handle.db)) console.log(demoLoginBanner());
  // Background jobs (webhooks, expiry, hold release, purges) run in this process unless JOBS=off.
  const { startScheduler } = await import("@/lib/jobs/scheduler");
  if (await startScheduler(handle.db)) console.log("[boot] background jobs started (JOBS=off disables them)");
}

export async function bootOrExit(): Promise<void> {
  try {
    await boot();
  } catch (e) {
    console.error(`[boot] ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
