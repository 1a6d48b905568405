import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test, covers } from "./fixtures";

const stamp = Date.now().toString(36);

async function adminToken(request: APIRequestContext): Promise<string> {
  const res = await request.post("/api/v1/auth/token", {
    data: { email: "admin@demo.test", password: "demo-password" },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).accessToken as string;
}

async function findLead(request: APIRequestContext, token: string, email: string) {
  const list = await request.get(`/api/v1/leads?q=${encodeURIComponent(email)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(list.status()).toBe(200);
  const { data } = await list.json();
  expect(data).toHaveLength(1);
  const res = await request.get(`/api/v1/leads/${data[0].id}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(res.status()).toBe(200);
  return res.json();
}

async function fillQuote(page: Page, email: string, opts: { consent?: boolean } = {}) {
  await page.getByLabel("First name", { exact: true }).fill("Paula");
  await page.getByLabel("Last name", { exact: true }).fill("Prospect");
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  // A phone of its own per lead: the same phone within 24 hours would merge into the earlier lead.
  await page.getByLabel("Phone", { exact: true }).fill(
    `(555) ${String(Date.now() % 10_000_000)
      .padStart(7, "0")
      .replace(/^(\d{3})/, "$1-")}`,
  );
  await page.getByLabel(/^State/).selectOption("TX");
  await page.getByLabel(/^ZIP code/).fill("73301");
  if (opts.consent !== false) await page.getByRole("checkbox").check();
}

test("a referral link leads to the form, which saves the lead, its referral and the consent evidence", async ({
  page,
  request,
}) => {
  covers("submitQuote");
  await page.goto("/r/DEMPAR0001?to=/quote/auto&sub=e2e-sub&utm_source=newsletter&utm_campaign=spring");
  await expect(page).toHaveURL(/\/quote\/auto\?utm_source=newsletter&utm_campaign=spring$/);
  await expect(page.getByText("Referred by Demo Partner")).toBeVisible();
  await expect(page.getByLabel("Type of insurance", { exact: true })).toHaveValue("AUTO");
  const consent = page.getByRole("checkbox");
  await expect(consent).not.toBeChecked();
  await expect(page.getByText(/Acme Insurance Quotes and its licensed insurance agents may contact me/)).toBeVisible();

  const email = `referred-${stamp}@example.com`;
  await fillQuote(page, email);
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Thank you");

  const lead = await findLead(request, await adminToken(request), email);
  expect(lead).toMatchObject({
    firstName: "Paula",
    lastName: "Prospect",
    email,
    insuranceType: "AUTO",
    status: "NEW",
    state: "TX",
    zip: "73301",
  });
  expect(lead.referrals).toHaveLength(1);
  expect(lead.referrals[0]).toMatchObject({
    referralCode: "DEMPAR0001",
    partnerName: "Demo Partner",
    status: "PENDING",
    source: "EMAIL",
  });
  expect(lead.consents).toHaveLength(1);
  expect(lead.consents[0]).toMatchObject({ textVersion: "quote-2026-11-v1", channel: "FORM" });
  expect(lead.consents[0].textHash).toMatch(/^[0-9a-f]{64}$/);
  expect(lead.consents[0].userAgent).toBeTruthy();
  expect(lead.consents[0].pageUrl).toContain("/quote/auto");
});

test("an unknown code still redirects to the form and still saves the lead, without a referral", async ({
  page,
  request,
}) => {
  const res = await page.goto("/r/NOSUCH0000");
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/quote$/);
  await expect(page.getByText(/Referred by/)).toHaveCount(0);
  expect((await page.context().cookies()).find((c) => c.name === "rp_ref")).toBeUndefined();

  const email = `unreferred-${stamp}@example.com`;
  await page.getByLabel("Type of insurance", { exact: true }).selectOption("HOME");
  await fillQuote(page, email);
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);

  const lead = await findLead(request, await adminToken(request), email);
  expect(lead).toMatchObject({ email, insuranceType: "HOME" });
  expect(lead.referrals).toEqual([]);
  expect(lead.consents).toHaveLength(1);
});

test("the consent box is required: errors are announced next to the fields and typed values are kept", async ({
  page,
  request,
}) => {
  await page.goto("/quote/life");
  const email = `no-consent-${stamp}@example.com`;
  await fillQuote(page, email, { consent: false });
  await page.getByLabel("First name", { exact: true }).fill("");
  await page.getByRole("button", { name: "Get my quote" }).click();

  await expect(page.getByRole("status").filter({ hasText: "Please check 2 fields below." })).toBeVisible();
  const consent = page.getByRole("checkbox");
  await expect(consent).toHaveAttribute("aria-invalid", "true");
  await expect(consent).toHaveAccessibleDescription("Please agree to be contacted so we can send your quote");
  await expect(page.getByLabel("First name", { exact: true })).toHaveAccessibleDescription("Enter your first name");
  await expect(page.getByLabel("First name", { exact: true })).toBeFocused();
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("Prospect");
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(email);
  await expect(page).toHaveURL(/\/quote\/life$/);

  // Keyboard only: fix the name, tick the box with the space bar, send with Enter.
  await page.keyboard.type("Paula");
  await consent.focus();
  await page.keyboard.press("Space");
  await page.getByRole("button", { name: "Get my quote" }).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/quote\/thanks$/);
  const lead = await findLead(request, await adminToken(request), email);
  expect(lead).toMatchObject({ firstName: "Paula", insuranceType: "LIFE" });
});

test("an integration pushing leads is counted per credential, not in the anonymous per-IP bucket", async ({
  request,
}) => {
  const token = await adminToken(request);
  const headers = { Authorization: `Bearer ${token}` };
  const body = (i: number) => ({
    firstName: "Crm",
    lastName: `Push${i}`,
    email: `crm-${stamp}-${i}@example.com`,
    insuranceType: "auto",
    consent: { given: true, textVersion: "crm-2026" },
  });
  // More than the anonymous quote limit (10 per window) from this one address: every lead is accepted.
  const answers = [];
  for (let i = 0; i < 12; i++) answers.push(await request.post("/api/v1/leads", { headers, data: body(i) }));
  expect(answers.map((a) => a.status())).toEqual(Array(12).fill(201));
  const last = answers[answers.length - 1].headers();
  expect(last["ratelimit-limit"]).toBe("6000");
  expect(Number(last["ratelimit-remaining"])).toBeLessThanOrEqual(6000 - 12);
  expect(Number(last["ratelimit-reset"])).toBeGreaterThan(0);
});

test("?ref= on any public page remembers the partner for the quote form", async ({ page }) => {
  await page.goto("/?ref=dempar0001");
  const cookie = (await page.context().cookies()).find((c) => c.name === "rp_ref");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: false });
  await page.getByRole("link", { name: "Get an insurance quote" }).click();
  await expect(page).toHaveURL(/\/quote$/);
  await expect(page.getByText("Referred by Demo Partner")).toBeVisible();
});

test("a bot that fills the hidden honeypot field is thanked and nothing is saved", async ({ page, request }) => {
  await page.goto("/quote/commercial");
  const email = `bot-${stamp}@example.com`;
  await fillQuote(page, email);
  await page.locator('input[name="website"]').evaluate((el: HTMLInputElement) => (el.value = "http://spam.example"));
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);
  const list = await request.get(`/api/v1/leads?q=${encodeURIComponent(email)}`, {
    headers: { Authorization: `Bearer ${await adminToken(request)}` },
  });
  expect((await list.json()).data).toEqual([]);
});
