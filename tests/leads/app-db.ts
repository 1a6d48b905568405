import type { DbHandle } from "@/db";

/** Makes route handlers and server code (which call getDb()) use this test's database. */
export function useTestDbAsAppDb(handle: DbHandle): void {
  (globalThis as unknown as { __rpDb?: Promise<DbHandle> }).__rpDb = Promise.resolve(handle);
}
