/**
 * The one fixture every spec imports `test` and `expect` from. Every test fails on a page error, a hydration
 * mismatch or a console.error in any page it opens: the built-in `page`/`context`, `adminPage`/`partnerPage`, and
 * pages of contexts made with `browser.newContext()` or `browser.newPage()` (also in `beforeAll`; those errors are
 * charged to the next test that ends). The only exceptions are listed in ALLOWED_ERRORS by test title and exact text,
 * and in HARNESS_NOISE (what Playwright itself causes) by exact text and frame.
 *
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
  type BrowserContext,
  type ConsoleMessage,
  type Page,
  type WorkerInfo,
} from "@playwright/test";

/**
 * Messages a test may cause on purpose: the test's title (exactly as written in the spec), the exact message as
 * reported ("console.error: …" or "pageerror: …") and the URL path of the resource it is about (a failed load
 * names only its status in the text, so the path keeps a favicon 404 from hiding behind a page's own 404).
 */
const PAGE_404 = "console.error: Failed to load resource: the server responded with a status of 404 (Not Found)";
export const ALLOWED_ERRORS: readonly { test: string; message: string; path: RegExp }[] = [
  // Each of these opens a page of the other role, or another partner's referral, and checks that it answers 404.
  { test: "a partner who opens /admin is refused", message: PAGE_404, path: /^\/admin(\/rewards)?$/ },
  {
    test: "an admin lands in /admin and a partner in /portal; each area refuses the other role",
    message: PAGE_404,
    path: /^\/(admin|portal)$/,
  },
  { test: "a partner cannot open the webhooks or jobs pages", message: PAGE_404, path: /^\/admin\/(webhooks|jobs)$/ },
  { test: "another partner's referral answers 404", message: PAGE_404, path: /^\/portal\/referrals\/[0-9a-f-]{36}$/ },
];

/**
 * What the test harness itself causes, in any test: Playwright runs its own scripts in every frame of a page, and
 * Chromium reports a frame sandboxed without `allow-scripts` (the e-mail preview at /admin/mail/[id]) refusing them.
 * The page has no script there: e2e/mail.spec.ts checks the preview's document carries none.
 */
const HARNESS_NOISE: readonly { message: string; resource: string }[] = [
  {
    message:
      "console.error: Blocked script execution in 'about:srcdoc' because the document's frame is sandboxed and the 'allow-scripts' permission is not set.",
    resource: "about:srcdoc",
  },
];

const HYDRATION = [
  /Minified React error #(418|423|425)\b/,
  /react\.dev\/errors\/(418|423|425)\b/,
  /Hydration failed/i,
  /did not match/i,
  /hydrat(ion|ed) .*mismatch/i,
];

type Reported = { message: string; page: string; resource: string };
/** Everything reported by watched contexts since the last test ended. */
const reported: Reported[] = [];
const watched = new WeakSet<BrowserContext>();

function describe(msg: ConsoleMessage): string | null {
  const text = msg.text();
  if (msg.type() === "error") return `console.error: ${text}`;
  if (HYDRATION.some((re) => re.test(text))) return `console.${msg.type()} (hydration): ${text}`;
  return null;
}

/** Listens to every page of the context, present and future. */
export function watchContext(context: BrowserContext): BrowserContext {
  if (watched.has(context)) return context;
  watched.add(context);
  context.on("console", (msg) => {
    const message = describe(msg);
    const page = msg.page()?.url() ?? "";
    if (message) reported.push({ message, page, resource: msg.location().url || page });
  });
  context.on("weberror", (e) => {
    const page = e.page()?.url() ?? "";
    reported.push({ message: `pageerror: ${e.error().message}`, page, resource: page });
  });
  return context;
}

/** Makes `browser.newContext()` and `browser.newPage()` return watched contexts, wherever a spec calls them. */
function watchBrowser(browser: Browser): Browser {
  const marked = browser as Browser & { __watched?: true };
  if (marked.__watched) return browser;
  marked.__watched = true;
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (options) => watchContext(await newContext(options));
  browser.newPage = async (options) => {
    const page = await newPage(options);
    watchContext(page.context());
    return page;
  };
  return browser;
}

const pathOf = (url: string) => {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
};

/** Takes what was reported and returns, as lines, what this test is not allowed to cause. */
function drain(title: string): string[] {
  return reported
    .splice(0)
    .filter(
      (r) =>
        !ALLOWED_ERRORS.some((a) => a.test === title && a.message === r.message && a.path.test(pathOf(r.resource))) &&
        !HARNESS_NOISE.some((n) => n.message === r.message && n.resource === r.resource),
    )
    .map((r) => `${r.message}  [${r.page}${r.resource !== r.page ? ` ← ${r.resource}` : ""}]`);
}

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

/**
 * Names the server actions the running test clicks, as annotations { type: "action", description: name }:
 * `covers("approveRewardAction")` as the test's first line. tests/e2e-guard/action-coverage.test.ts fails while a
 * server action has no test that names it this way.
 */
export function covers(...names: string[]): void {
  for (const description of names) test.info().annotations.push({ type: "action", description });
}

type WorkerFixtures = { adminState: string; partnerState: string; _leftoverErrors: void };
type TestFixtures = { adminPage: Page; partnerPage: Page; _pageErrors: void };

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
  browser: [async ({ browser }, provide) => provide(watchBrowser(browser)), { scope: "worker" }],
  context: async ({ context }, provide) => provide(watchContext(context)),
  _pageErrors: [
    async ({}, provide, testInfo) => {
      await provide();
      // Let late console messages of the test's last page arrive before judging.
      await new Promise((r) => setTimeout(r, 50));
      const errors = drain(testInfo.title);
      if (errors.length && testInfo.status === testInfo.expectedStatus)
        throw new Error(`The pages logged ${errors.length} error(s):\n${errors.join("\n")}`);
      if (errors.length) console.error(`Also logged by the pages:\n${errors.join("\n")}`);
    },
    { auto: true },
  ],
  _leftoverErrors: [
    async ({}, provide) => {
      await provide();
      const errors = drain("(after the last test of the worker)");
      if (errors.length) throw new Error(`Pages logged errors after the last test:\n${errors.join("\n")}`);
    },
    { scope: "worker", auto: true },
  ],
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
