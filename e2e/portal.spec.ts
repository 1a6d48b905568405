import fs from "node:fs";
import Papa from "papaparse";
import { apiToken, expect, test, covers } from "./fixtures";

/** The partner portal as the demo partner (the demo data of db/seed.ts: rows in every status). */

const tableRows = (page: import("@playwright/test").Page) => page.getByRole("table").locator("tbody tr");

test("dashboard shows the figures and charts; a screenshot goes into the report", async ({
  partnerPage: page,
}, testInfo) => {
  await page.goto("/portal");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Demo");
  await expect(page.getByText("You earn 15%")).toBeVisible();
  const perf = page.locator("dl[aria-label='Performance over the last 30 days']");
  for (const label of ["Link clicks", "Referrals", "Conversions", "Conversion rate"])
    await expect(perf.getByText(label, { exact: true })).toBeVisible();
  const earnings = page.locator("dl[aria-label='Your balances, all time']");
  for (const label of ["In review", "Approved", "On its way", "Paid", "Next payout"])
    await expect(earnings.getByText(label, { exact: true })).toBeVisible();
  // The demo partner has referrals in the last 30 days: the referrals card is not zero.
  await expect(perf.locator("dd").nth(2)).not.toHaveText("0");
  await expect(
    page.getByRole("figure", { name: "Referrals and conversions" }).locator("svg.recharts-surface").first(),
  ).toBeVisible();
  await expect(
    page.getByRole("figure", { name: "Referrals by source" }).locator("svg.recharts-surface").first(),
  ).toBeVisible();
  await testInfo.attach("partner dashboard", {
    body: await page.screenshot({ fullPage: true }),
    contentType: "image/png",
  });

  await page.getByRole("link", { name: "12 months" }).click();
  await expect(page).toHaveURL(/range=365/);
  await expect(page.getByRole("heading", { name: "Last 12 months" })).toBeVisible();
  await page.getByRole("link", { name: "By day" }).click();
  await expect(page).toHaveURL(/interval=day/);
});

test("referrals: filters, sorting and pagination live in the URL; details are masked with a timeline", async ({
  partnerPage: page,
}) => {
  await page.goto("/portal/referrals?pageSize=5");
  await expect(tableRows(page)).toHaveCount(5);
  const first = await tableRows(page).first().innerText();
  await page.getByRole("link", { name: "Next →" }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(tableRows(page).first()).not.toHaveText(first);

  await page.getByLabel("Status", { exact: true }).selectOption("CONVERTED");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/status=CONVERTED/);
  await expect(page).not.toHaveURL(/page=2/);
  const badges = tableRows(page).locator("[data-status]");
  expect(await badges.count()).toBeGreaterThan(0);
  for (const b of await badges.all()) await expect(b).toHaveText("Converted");
  // The back button brings the unfiltered list back, and the control follows the URL.
  await page.goBack();
  await expect(page).not.toHaveURL(/status=/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await page.goForward();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("CONVERTED");

  await page.goto("/portal/referrals");
  await page.getByRole("link", { name: /^Status/ }).click();
  await expect(page).toHaveURL(/sort=status/);
  await expect(page.getByRole("columnheader", { name: /Status/ })).toHaveAttribute("aria-sort", "ascending");

  await page.goto("/portal/referrals?status=pending,accepted&source=website");
  for (const b of await tableRows(page).locator("[data-status]").all()) await expect(b).toHaveText(/Pending|Accepted/);

  await page.goto("/portal/referrals");
  await tableRows(page).first().getByRole("link").click();
  await expect(page).toHaveURL(/\/portal\/referrals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Timeline" })).toBeVisible();
  const prospect = page.getByRole("region", { name: "Prospect" });
  await expect(prospect.getByText(/\*\*\*@|\*\*\*-\*\*\*-\d{4}/).first()).toBeVisible();
});

test("earnings, payouts and profile render with data", async ({ partnerPage: page }) => {
  covers("saveProfileAction");
  await page.goto("/portal/earnings");
  await expect(
    page.locator("dl[aria-label='Your balances, all time']").getByText("Approved", { exact: true }),
  ).toBeVisible();
  expect(await tableRows(page).count()).toBeGreaterThan(0);
  await page.goto("/portal/payouts");
  await expect(page.getByRole("heading", { name: "Next payout" })).toBeVisible();
  await expect(tableRows(page).locator("[data-status='PAID']").first()).toBeVisible();
  await page.goto("/portal/profile");
  await expect(page.getByText("DEMPAR0001")).toBeVisible();
  await page.getByLabel("Company", { exact: true }).fill("Demo Insurance Agency LLC");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Company", { exact: true })).toHaveValue("Demo Insurance Agency LLC");
});

test("share: copy button, QR code, link builder and snippet", async ({ partnerPage: page }) => {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/portal/share");
  const link = page.getByRole("textbox", { name: "Your referral link" });
  await expect(link).toHaveValue(/\/r\/DEMPAR0001$/);
  await expect(page.getByTestId("qr-code").locator("svg")).toBeVisible();
  await page.getByRole("button", { name: "Copy link" }).first().click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" }).first()).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/\/r\/DEMPAR0001$/);
  await page.getByLabel("Sub id", { exact: true }).fill("flyer-42");
  await page.getByLabel("Destination", { exact: true }).selectOption("/quote/home");
  await expect(page.getByRole("textbox", { name: "Your tracked link" })).toHaveValue(
    /\/r\/DEMPAR0001\?to=\/quote\/home&sub=flyer-42$/,
  );
  await expect(page.getByRole("img", { name: "QR code for the tracked link" }).locator("svg")).toBeVisible();
  await expect(page.getByText("?ref=DEMPAR0001").first()).toBeVisible();
  await expect(page.locator("pre code")).toContainText("Get a quote</a>");
});

test("a referral submitted by hand appears in the list", async ({ partnerPage: page }) => {
  covers("submitReferralAction");
  const first = `Manual${Date.now().toString(36)}`;
  await page.goto("/portal/referrals/new");
  await page.getByLabel("First name", { exact: true }).fill(first);
  await page.getByLabel("Last name", { exact: true }).fill("Prospect");
  await page.getByLabel("E-mail", { exact: true }).fill(`${first.toLowerCase()}@example.com`);
  await page.getByLabel("Insurance", { exact: true }).selectOption("HOME");
  await page.getByLabel("How did you meet?", { exact: true }).selectOption("PHONE");
  await page.getByRole("button", { name: "Submit referral" }).click();
  // Without the partner's confirmation nothing is saved, and the typed values stay.
  await expect(page.getByText("Confirm that this person agreed to be contacted", { exact: true })).toBeVisible();
  await expect(page.getByLabel("First name", { exact: true })).toHaveValue(first);
  await page.getByLabel(/I confirm that this person agreed/).check();
  await expect(page.getByLabel(/I confirm that this person agreed/)).toBeChecked();
  await page.getByRole("button", { name: "Submit referral" }).click();
  await expect(page).toHaveURL(/\/portal\/referrals\/[0-9a-f-]{36}\?submitted=1$/);
  await expect(page.getByText("The referral is recorded")).toBeVisible();
  await page.goto(`/portal/referrals?q=${first}`);
  await expect(tableRows(page)).toHaveCount(1);
  await expect(tableRows(page).first()).toContainText(`${first} P.`);
  await expect(tableRows(page).first()).toContainText("Phone");
});

test("the payouts CSV downloads and parses", async ({ partnerPage: page }) => {
  await page.goto("/portal/payouts");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^payouts-\d{4}-\d{2}-\d{2}\.csv$/);
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync((await download.path())!, "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual([
    "payout_id",
    "batch_id",
    "partner_id",
    "partner_name",
    "partner_email",
    "payment_method",
    "payout_details",
    "amount",
    "currency",
    "status",
    "transaction_id",
    "failure_reason",
    "reward_count",
    "reward_ids",
    "created_at",
    "paid_at",
  ]);
  expect(parsed.data.length).toBeGreaterThan(0);
  for (const row of parsed.data) expect(row.amount).toMatch(/^-?\d+\.\d{2}$/);
  expect(parsed.data.some((r) => r.status === "PAID" && r.transaction_id)).toBe(true);
});

test("payouts: status and date filters live in the URL; the CSV exports exactly the filtered rows", async ({
  partnerPage: page,
}) => {
  await page.goto("/portal/payouts");
  const filter = page.getByRole("search", { name: "Filter" });
  await filter.getByLabel("Status", { exact: true }).selectOption("PAID");
  await filter.getByLabel("Dates by", { exact: true }).selectOption("paidAt");
  await filter.getByLabel("From", { exact: true }).fill("2000-01-01");
  await expect(filter.getByLabel("To (inclusive)", { exact: true })).toHaveValue("");
  await filter.getByRole("button", { name: "Apply" }).press("Enter");
  await expect(page).toHaveURL(/status=PAID/);
  await expect(page).toHaveURL(/dateField=paidAt/);
  await expect(page).toHaveURL(/from=2000-01-01/);
  await expect(filter.getByLabel("Status", { exact: true })).toHaveValue("PAID");
  const badges = tableRows(page).locator("[data-status]");
  expect(await badges.count()).toBeGreaterThan(0);
  for (const b of await badges.all()) await expect(b).toHaveText("Paid");
  const summary = await page.getByRole("navigation", { name: "Pagination" }).getByText(/ of /).innerText();
  const total = Number(/of ([\d,]+)/.exec(summary)![1].replace(/,/g, ""));

  const link = page.getByRole("link", { name: /Download CSV/ });
  await expect(link).toHaveAttribute("href", /export\.csv\?.*status=PAID.*dateField=paidAt.*from=2000-01-01/);
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync((await download.path())!, "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  expect(parsed.data).toHaveLength(total);
  for (const row of parsed.data) expect([row.status, row.paid_at >= "2000-01-01"]).toEqual(["PAID", true]);

  await page.goBack();
  await expect(page).toHaveURL(/\/portal\/payouts$/);
  await expect(page.getByRole("link", { name: "Download CSV", exact: true })).toHaveAttribute(
    "href",
    "/portal/payouts/export.csv",
  );

  await page.goto("/portal/payouts?from=2999-01-01");
  await expect(page.getByRole("heading", { name: "No payouts match these filters" })).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page).toHaveURL(/\/portal\/payouts$/);
  expect(await tableRows(page).count()).toBeGreaterThan(0);

  const res = await page.goto("/portal/payouts?status=LOST&dateField=sentAt");
  expect(res?.status()).toBe(200);
  await expect(page.getByText(/^Some filters were ignored: .*status.*dateField/)).toBeVisible();
});

test("another partner's referral answers 404", async ({ partnerPage: page, request }) => {
  const admin = await apiToken(request, "admin");
  const partner = await apiToken(request, "partner");
  const me = await (
    await request.get("/api/v1/partners/me", { headers: { authorization: `Bearer ${partner}` } })
  ).json();
  const list = await (
    await request.get("/api/v1/referrals?pageSize=100", { headers: { authorization: `Bearer ${admin}` } })
  ).json();
  const foreign = (list.data as { id: string; partnerId: string }[]).find((r) => r.partnerId !== me.id);
  expect(foreign, "the demo data has other partners' referrals").toBeDefined();
  const res = await page.goto(`/portal/referrals/${foreign!.id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  expect(await page.content()).not.toContain(foreign!.partnerId);
});
