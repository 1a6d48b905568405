import path from "node:path";
import { sql } from "drizzle-orm";
import type { DbHandle } from "./index";
import { settings } from "./schema";

const MIGRATIONS = () => path.join(process.cwd(), "drizzle");

/** Applies committed migrations with the active driver's migrator and makes sure the settings row exists. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  const migrationsFolder = MIGRATIONS();
  if (handle.driver === "pglite") {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as never, { migrationsFolder });
  } else {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { default: postgres } = await import("postgres");
    // Several instances may start at once: serialise migrations on an advisory lock held by one connection.
    const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
    try {
      const db = drizzle(client);
      await db.execute(sql`select pg_advisory_lock(727274001)`);
      await migrate(db, { migrationsFolder });
      await db.execute(sql`select pg_advisory_unlock(727274001)`);
    } finally {
      await client.end({ timeout: 5 });
    }
  }
  await handle.db.insert(settings).values({ id: 1 }).onConflictDoNothing();
}
