import { AsyncLocalStorage } from "node:async_hooks";
import { vi } from "vitest";
import type { SessionUser } from "@/lib/auth/users";

/**
 * Session fixture (a Vitest setup file). Server actions and pages read the session through next-auth's
 * `auth()`, which needs a live request; inside `runWithSessionUser(user, fn)` it answers that user's
 * session instead, and the app loads the user from the database as it does for a real cookie. Outside,
 * `auth()` is next-auth's own.
 */
const store = ((globalThis as { __rpTestSession?: AsyncLocalStorage<{ userId: string | null }> }).__rpTestSession ??=
  new AsyncLocalStorage());

vi.mock("@/auth", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/auth")>();
  const auth = (...args: unknown[]) => {
    const s = store.getStore();
    if (!s) return (real.auth as (...a: unknown[]) => unknown)(...args);
    return Promise.resolve(
      s.userId ? { user: { id: s.userId }, expires: new Date(Date.now() + 3_600_000).toISOString() } : null,
    );
  };
  return { ...real, auth };
});

/** Runs `fn` as if `user` (null: nobody) were signed in. */
export function runWithSessionUser<T>(user: SessionUser | null, fn: () => Promise<T>): Promise<T> {
  return store.run({ userId: user?.id ?? null }, fn);
}
