import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // `server-only` throws outside React Server Components; tests call server code directly.
      "server-only": path.resolve(import.meta.dirname, "tests/helpers/empty.ts"),
    },
  },
  test: {
    include: ["tests/**/*.test.ts", "lib/**/*.test.ts"],
    globalSetup: ["tests/global-setup.ts"],
    // The session fixture: `runWithSessionUser` in tests stands in for next-auth's cookie.
    setupFiles: ["tests/helpers/session.ts"],
    testTimeout: 30_000,
    // A fresh embedded database per suite migrates in-process; on a loaded 2-core machine that passed 60 s.
    hookTimeout: 180_000,
    pool: "forks",
    maxWorkers: 2,
    // In-process route tests stand behind one simulated proxy: X-Forwarded-For (rightmost) is the client.
    // Request log lines (info) would flood the output; tests that read logs set LOG_LEVEL themselves.
    env: { JOBS: "off", TZ: "UTC", TRUST_PROXY_HOPS: "1", LOG_LEVEL: "warn" },
    // next-auth imports "next/server" without an extension; let Vite resolve it (session helpers, actions).
    server: { deps: { inline: ["next-auth"] } },
  },
});
