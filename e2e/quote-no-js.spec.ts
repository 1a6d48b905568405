import type { APIRequestContext, Page } from "@playwright/test";
import { apiToken, covers, expect, test } from "./fixtures";

// The quote form is a plain HTML form posting to its server action: with JavaScript off the browser sends it as a
// full page request and follows the redirect to the thank-you page (docs/performance.md#page-weight).
test.use({ javaScriptEnabled: false });

const stamp = Date.now().toString(36);

async function leadByEmail(request: APIRequestContext, email: string) {
  const headers = { Authorization: `Bearer ${await apiToken(request, "admin")}` };
  const list = await request.get(`/api/v1/leads?q=${encodeURIComponent(email)}`, { headers });
  expect(list.status()).toBe(200);
  const { data } = await list.json();
  expect(data).toHaveLength(1);
  const res = await request.get(`/api/v1/leads/${data[0].id}`, { headers });
  expect(res.status()).toBe(200);
  return res.json();
}

async function fill(page: Page, email: string, phone: string) {
  await page.getByLabel("First name", { exact: true }).fill("Nadia");
  await page.getByLabel("Last name", { exact: true }).fill("Noscript");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Phone", { exact: true }).fill(phone);
  await page.getByLabel(/^State/).selectOption("OH");
  await page.getByLabel(/^ZIP code/).fill("43004");
}

/**
 * Form posts the browser sends as page navigations: without JavaScript every submission is one, while the enhanced
 * form (JavaScript on) sends its action with fetch and none.
 */
function navigationPosts(page: Page): string[] {
  const posts: string[] = [];
  page.on("request", (r) => {
    if (r.isNavigationRequest() && r.method() === "POST") posts.push(new URL(r.url()).pathname);
  });
  return posts;
}

/** A phone of its own per run: the same phone within 24 hours would merge into an earlier lead. */
const phone = (n: number) => `(555) 7${String((Date.now() + n) % 1_000_000).padStart(6, "0")}`;

test("without JavaScript, a referral link's form is sent, thanks the prospect and stores the lead with its referral", async ({
  page,
  request,
}) => {
  covers("submitQuote");
  const posts = navigationPosts(page);
  await page.goto("/r/DEMPAR0001?to=/quote/home&sub=no-js");
  await expect(page).toHaveURL(/\/quote\/home$/);
  await expect(page.getByText("Referred by Demo Partner")).toBeVisible();
  await expect(page.getByLabel("Type of insurance", { exact: true })).toHaveValue("HOME");

  const email = `no-js-${stamp}@example.com`;
  await fill(page, email, phone(0));
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Thank you");
  expect(posts).toEqual(["/quote/home"]);

  const lead = await leadByEmail(request, email);
  expect(lead).toMatchObject({
    firstName: "Nadia",
    lastName: "Noscript",
    email,
    insuranceType: "HOME",
    state: "OH",
    zip: "43004",
    status: "NEW",
  });
  expect(lead.referrals).toHaveLength(1);
  expect(lead.referrals[0]).toMatchObject({
    referralCode: "DEMPAR0001",
    partnerName: "Demo Partner",
    status: "PENDING",
  });
  expect(lead.consents).toHaveLength(1);
  expect(lead.consents[0]).toMatchObject({ channel: "FORM" });
  expect(lead.consents[0].pageUrl).toContain("/quote/home");
});

test("without JavaScript, a form sent without consent comes back with the error and the typed values, and stores nothing", async ({
  page,
  request,
}) => {
  const posts = navigationPosts(page);
  await page.goto("/r/DEMPAR0001?to=/quote/auto");
  const email = `no-js-no-consent-${stamp}@example.com`;
  await fill(page, email, phone(1));
  await page.getByRole("button", { name: "Get my quote" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Please check 1 field below." })).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(email);
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("Noscript");
  expect(posts).toEqual(["/quote/auto"]);

  const headers = { Authorization: `Bearer ${await apiToken(request, "admin")}` };
  const list = await request.get(`/api/v1/leads?q=${encodeURIComponent(email)}`, { headers });
  expect(list.status()).toBe(200);
  expect((await list.json()).data).toEqual([]);

  // Ticking the box and sending again (still without JavaScript) stores the lead, still referred.
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);
  expect(posts).toEqual(["/quote/auto", "/quote/auto"]);
  const lead = await leadByEmail(request, email);
  expect(lead).toMatchObject({ email, insuranceType: "AUTO" });
  expect(lead.referrals[0]).toMatchObject({ referralCode: "DEMPAR0001" });
});
