/**
 * Signed-in pages for any spec, one sign-in per role and worker (stored state reused by every test):
 *
 *   import { expect, test } from "./fixtures";
 *   test("admin sees partners", async ({ adminPage }) => { await adminPage.goto("/admin/partners"); … });
 *   test("partner sees earnings", async ({ partnerPage }) => { await partnerPage.goto("/portal/earnings"); … });
 *
 * `adminState` / `partnerState` are the storage-state file paths, for `browser.newContext({ storageState })`.
 * `apiToken(request, role)` returns a bearer token for API calls as a demo user.
 */
import fs from "node:fs";
import path from "node:path";
import {
  test as base,
  expect,
  type APIRequestContext,
  type Browser,
  type Page,
  type WorkerInfo,
} from "@playwright/test";

export const DEMO = {
  admin: { email: "admin@demo.test", password: "demo-password", home: "/admin" },
  partner: { email: "partner@demo.test", password: "demo-password", home: "/portal" },
} as const;
export type DemoRole = keyof typeof DEMO;

/** Signs in through the login form and waits for the landing page of the role. */
export async function signIn(page: Page, email: string, password: string, expectPath?: string | RegExp) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  if (expectPath)
    await page.waitForURL((u) =>
      typeof expectPath === "string" ? u.pathname === expectPath : expectPath.test(u.pathname),
    );
}

export async function apiToken(request: APIRequestContext, role: DemoRole): Promise<string> {
  const res = await request.post("/api/v1/auth/token", {
    data: { email: DEMO[role].email, password: DEMO[role].password },
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()).accessToken;
}

type WorkerFixtures = { adminState: string; partnerState: string };
type TestFixtures = { adminPage: Page; partnerPage: Page };

const stateFixture = (role: DemoRole) =>
  [
    async ({ browser }: { browser: Browser }, provide: (file: string) => Promise<void>, workerInfo: WorkerInfo) => {
      const file = path.join(workerInfo.project.outputDir, ".auth", `${role}-${workerInfo.workerIndex}.json`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
      const page = await context.newPage();
      await signIn(page, DEMO[role].email, DEMO[role].password, DEMO[role].home);
      await context.storageState({ path: file });
      await context.close();
      await provide(file);
    },
    { scope: "worker" },
  ] as const;

export const test = base.extend<TestFixtures, WorkerFixtures>({
  adminState: stateFixture("admin") as never,
  partnerState: stateFixture("partner") as never,
  adminPage: async ({ browser, adminState }, provide, testInfo) => {
    const context = await browser.newContext({ storageState: adminState, baseURL: testInfo.project.use.baseURL });
    const page = await context.newPage();
    await provide(page);
    await context.close();
  },
  partnerPage: async ({ browser, partnerState }, provide, testInfo) => {
    const context = await browser.newContext({ storageState: partnerState, baseURL: testInfo.project.use.baseURL });
    const page = await context.newPage();
    await provide(page);
    await context.close();
  },
});

export { expect };
