import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { adminApi, newPartner, receiver, signUpPartner } from "./support";

/**
 * axe-core on every page, at a desktop size and a 390 px phone: no critical and no serious violation. One test
 * per area (public, partner, admin) keeps the signed-in pages on the shared stored state. Pages with an id are
 * found through the first matching link of their list page. The counts by impact are attached to each test
 * ("axe-summary") and the full results as "axe-violations.json".
 */

const VIEWPORTS = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

type Target = string | { list: string; link: RegExp; suffix: string };

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const detail = (list: string, prefix: string, suffix = "") => ({
  list,
  link: new RegExp(`^${prefix}/${UUID}$`),
  suffix,
});

const PUBLIC: Target[] = [
  "/",
  "/quote",
  "/quote/auto",
  "/quote/thanks",
  "/login",
  "/signup",
  "/forgot-password",
  "/docs/api",
  // Links whose token is not valid still answer a page that says so.
  "/reset-password/not-a-token",
  "/invite/not-a-token",
  "/unsubscribe/not-a-token",
];
const PARTNER: Target[] = [
  "/portal",
  "/portal/referrals",
  "/portal/referrals/new",
  detail("/portal/referrals", "/portal/referrals"),
  "/portal/earnings",
  "/portal/payouts",
  "/portal/share",
  "/portal/profile",
  "/portal/plan",
  "/portal/notifications",
  "/account",
];
const ADMIN: Target[] = [
  "/admin",
  "/admin/partners",
  "/admin/partners?view=applications",
  "/admin/partners/new",
  detail("/admin/partners", "/admin/partners"),
  detail("/admin/partners", "/admin/partners", "/edit"),
  "/admin/leads",
  detail("/admin/leads", "/admin/leads"),
  "/admin/referrals",
  detail("/admin/referrals", "/admin/referrals"),
  "/admin/rewards",
  "/admin/payouts",
  detail("/admin/payouts", "/admin/payouts"),
  "/admin/review",
  "/admin/plans",
  "/admin/plans/new",
  detail("/admin/plans", "/admin/plans"),
  "/admin/mail",
  detail("/admin/mail", "/admin/mail"),
  "/admin/notifications",
  "/admin/audit",
  "/admin/privacy",
  "/admin/reports",
  "/admin/settings",
  "/admin/settings/api-keys",
  "/admin/webhooks",
  detail("/admin/webhooks", "/admin/webhooks/deliveries"),
  "/admin/jobs",
];

/** The URL of a target: a detail page's is read from the hrefs of its list page. */
async function resolve(page: Page, target: Target): Promise<string> {
  if (typeof target === "string") return target;
  await page.goto(target.list);
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.map((h) => h.split(/[?#]/)[0]).find((h) => target.link.test(h));
  if (!href) throw new Error(`No link matching ${target.link} on ${target.list}`);
  return href + target.suffix;
}

type Found = { url: string; viewport: string; id: string; impact: string; help: string; targets: string[] };

async function audit(page: Page, targets: Target[]) {
  const found: Found[] = [];
  const urls: string[] = [];
  for (const t of targets) urls.push(await resolve(page, t));
  for (const vp of VIEWPORTS) {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    for (const url of urls) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      await page.waitForLoadState("networkidle");
      // A frame sandboxed without scripts (the e-mail preview) holds the recipient's e-mail, not the console:
      // axe cannot run inside it and waits for it forever, so it is checked for its title and set aside.
      for (const frame of await page.locator("iframe[sandbox]").all())
        await expect(frame).toHaveAttribute("title", /\S/);
      await page.locator("iframe[sandbox]").evaluateAll((frames) => frames.forEach((f) => f.remove()));
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations)
        found.push({
          url,
          viewport: vp.name,
          id: v.id,
          impact: v.impact ?? "unknown",
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(" ")),
        });
    }
  }
  const count = (impact: string) => found.filter((f) => f.impact === impact).length;
  const summary = ["critical", "serious", "moderate", "minor"].map((i) => `${i} ${count(i)}`).join(", ");
  test.info().annotations.push({ type: "axe-summary", description: `${urls.length} pages × 2 viewports: ${summary}` });
  await test.info().attach("axe-violations.json", {
    body: JSON.stringify(found, null, 2),
    contentType: "application/json",
  });
  const blocking = found
    .filter((f) => f.impact === "critical" || f.impact === "serious")
    .map((f) => `${f.impact} ${f.id} on ${f.url} (${f.viewport}): ${f.help} — ${f.targets.slice(0, 3).join(", ")}`);
  console.log(`axe ${test.info().title}: ${summary}`);
  for (const f of found)
    console.log(`  ${f.impact} ${f.id} ${f.url} (${f.viewport}) ${f.targets.slice(0, 2).join(" | ")}`);
  expect(blocking, "critical and serious axe violations").toEqual([]);
}

test("axe: public pages have no critical or serious violations", async ({ page }) => {
  test.setTimeout(360_000);
  await audit(page, PUBLIC);
});

test("axe: partner pages have no critical or serious violations", async ({ partnerPage }) => {
  test.setTimeout(360_000);
  await audit(partnerPage, PARTNER);
});

test("axe: admin pages have no critical or serious violations", async ({ adminPage, request, browser, baseURL }) => {
  test.setTimeout(720_000);
  // A webhook delivery, a commission plan and an e-mail to open, whether or not an earlier spec made them.
  const api = await adminApi(request);
  const rx = await receiver("/e2e-a11y");
  try {
    await api.post("/api/v1/webhooks/endpoints", { url: rx.url });
    await newPartner(request, "Audited");
    await api.post("/api/v1/commission-plans", {
      name: `Audited plan ${Date.now()}`,
      currency: "USD",
      rules: [{ event: "CONVERSION", rateBps: 500 }],
    });
    await (await signUpPartner(browser, baseURL, "Mailed")).context.close();
    await expect(async () => {
      await adminPage.goto("/admin/mail");
      await expect(adminPage.locator('a[href^="/admin/mail/"]').first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 60_000 });
    await expect
      .poll(async () => (await api.get<{ data: unknown[] }>("/api/v1/webhooks/deliveries")).data.length, {
        timeout: 60_000,
      })
      .toBeGreaterThan(0);
    await audit(adminPage, ADMIN);
  } finally {
    rx.close();
  }
});
