import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3101);
export const BASE_URL = `http://127.0.0.1:${PORT}`;
/** Where the server records unhandled rejections; e2e/server-faults.teardown.ts fails the run on any. */
export const SERVER_FAULT_LOG = path.resolve(import.meta.dirname, "test-results", `server-faults-${PORT}.log`);
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  globalTeardown: "./e2e/server-faults.teardown.ts",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [
    ["list"],
    ["json", { outputFile: "test-results/playwright.json" }],
    ["html", { open: "never", outputFolder: "playwright-report" }],
  ],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // Its own fresh embedded database, migrated and seeded with the demo data on start.
    command: `rm -rf .data/e2e .data/e2e.lock "${SERVER_FAULT_LOG}" && node scripts/start.mjs`,
    url: `${BASE_URL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      PGLITE_DIR: ".data/e2e",
      DATABASE_URL: "",
      RATE_LIMIT_LOGIN_IP: "1000",
      // Every spec signs up and sends quotes from 127.0.0.1; the limits themselves are tested in Vitest.
      RATE_LIMIT_SIGNUP: "1000",
      RATE_LIMIT_QUOTE: "1000",
      WEBHOOKS_ALLOW_PRIVATE: "1",
      SERVER_FAULT_LOG,
    },
  },
});
