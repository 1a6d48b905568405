import { AsyncLocalStorage } from "node:async_hooks";
import { env } from "@/lib/env";
import type { SessionUser } from "./users";

/**
 * Vitest seam: server actions and pages read the session through next-auth's `auth()`, which needs a live
 * request. Tests run them inside `runWithSessionUser(user, fn)` instead. Ignored outside Vitest.
 */
const store = ((globalThis as { __rpTestSession?: AsyncLocalStorage<{ user: SessionUser | null }> }).__rpTestSession ??=
  new AsyncLocalStorage());

export function runWithSessionUser<T>(user: SessionUser | null, fn: () => Promise<T>): Promise<T> {
  if (!env().VITEST) throw new Error("runWithSessionUser is for tests only");
  return store.run({ user }, fn);
}

/** The user a test put in place, or undefined when not under a test. */
export function testSessionUser(): { user: SessionUser | null } | undefined {
  return env().VITEST ? store.getStore() : undefined;
}
