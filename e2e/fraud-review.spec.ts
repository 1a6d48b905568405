import type { Page } from "@playwright/test";
import { apiToken, covers, expect, test } from "./fixtures";

/**
 * Fraud review by clicking: five quote-form leads from one address through two partners' links inside a
 * minute land in /admin/review; the admin confirms fraud on one and clears another; the audit log shows both
 * decisions, and the partner sees a neutral "under review" on the referral still held, never the signals.
 */
const letters = (n: number) =>
  String(n)
    .split("")
    .map((d) => "abcdefghij"[Number(d)])
    .join("");
const tag = letters(Date.now() % 100_000_000);
const NAMES = ["One", "Two", "Three", "Four", "Five"].map((w) => `Ring${w}${tag}`);

async function quoteThroughLink(page: Page, code: string, firstName: string, i: number) {
  await page.goto(`/r/${code}?to=/quote/auto`);
  await expect(page).toHaveURL(/\/quote\/auto/);
  await page.getByLabel("First name", { exact: true }).fill(firstName);
  await page.getByLabel("Last name", { exact: true }).fill("Ring");
  await page.getByLabel("E-mail", { exact: true }).fill(`${firstName.toLowerCase()}@example.com`);
  await page.getByLabel("Phone", { exact: true }).fill(`(555) 01${i}-${String(Date.now() % 10_000).padStart(4, "0")}`);
  await page.getByLabel(/^State/).selectOption("TX");
  await page.getByLabel(/^ZIP code/).fill("73301");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);
}

test("five leads from one IP through two partners: the admin confirms fraud on one, clears another; both are audited", async ({
  page,
  adminPage,
  partnerPage,
  request,
}) => {
  covers("decideReviewAction");
  // Five forms through the browser, two decisions and the partner's view: slow on a loaded machine.
  test.setTimeout(150_000);
  const token = await apiToken(request, "admin");
  const res = await request.get("/api/v1/partners?status=ACTIVE&pageSize=100", {
    headers: { authorization: `Bearer ${token}` },
  });
  const active = ((await res.json()) as { data: { referralCode: string | null }[] }).data;
  const other = active.find((p) => p.referralCode && p.referralCode !== "DEMPAR0001")!.referralCode!;
  const codes = ["DEMPAR0001", other];

  const started = Date.now();
  for (const [i, name] of NAMES.entries()) await quoteThroughLink(page, codes[i % 2], name, i);
  expect(Date.now() - started, "the five leads came inside a minute").toBeLessThan(60_000);

  await adminPage.goto("/admin");
  await adminPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Fraud review" }).click();
  await expect(adminPage).toHaveURL(/\/admin\/review$/);
  await expect(adminPage.getByRole("heading", { name: "Fraud review", level: 1 })).toBeVisible();
  const entry = (name: string) => adminPage.getByTestId("review-entry").filter({ hasText: `${name} R.` });
  // The fifth lead shares the address with four others through both partners.
  const fifth = entry(NAMES[4]);
  await expect(fifth).toBeVisible();
  await expect(fifth.getByText(/leads from one IP/)).toBeVisible();
  // One browser too: the device cookie set by the links is the same behind both partners.
  await expect(fifth.getByText(/Same device, ip as/)).toBeVisible();
  const fourth = entry(NAMES[3]);
  await expect(fourth).toBeVisible();
  const fifthId = (await fifth.getAttribute("data-id"))!;
  const fourthId = (await fourth.getAttribute("data-id"))!;

  await fifth.getByRole("button", { name: "Confirm fraud" }).click();
  let dialog = adminPage.getByRole("dialog");
  await dialog.getByRole("button", { name: "Confirm fraud" }).click();
  await expect(dialog.getByText("Please give a reason.")).toBeVisible();
  await dialog.getByLabel(/^Reason/).fill("e2e: one visitor behind two partners' links");
  await dialog.getByRole("button", { name: "Confirm fraud" }).click();
  await expect(entry(NAMES[4])).toHaveCount(0);

  await fourth.getByRole("button", { name: "Clear" }).click();
  dialog = adminPage.getByRole("dialog");
  await dialog.getByLabel(/^Reason/).fill("e2e: verified by phone");
  await dialog.getByRole("button", { name: "Clear" }).click();
  await expect(entry(NAMES[3])).toHaveCount(0);

  await adminPage.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Audit log" }).click();
  await adminPage.getByLabel("Action").fill("review.decided");
  await adminPage.getByRole("button", { name: "Filter" }).click();
  await expect(adminPage).toHaveURL(/action=review\.decided/);
  for (const id of [fifthId, fourthId])
    await expect(
      adminPage.getByRole("row").filter({ has: adminPage.locator(`a[href="/admin/referrals/${id}"]`) }),
    ).toContainText("review.decided");
  await adminPage.goto(`/admin/referrals/${fifthId}`);
  await expect(adminPage.getByText("Fraud", { exact: true }).first()).toBeVisible();

  // The partner's third lead (score 55: shared address, sent fast) is still held: a neutral note, no signals.
  const third = await request.get(`/api/v1/leads?q=${NAMES[2].toLowerCase()}&pageSize=5`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const lead = ((await third.json()) as { data: { referrals?: { id: string }[]; id: string }[] }).data[0];
  const refs = await request.get(`/api/v1/referrals?leadId=${lead.id}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const referralId = ((await refs.json()) as { data: { id: string }[] }).data[0].id;
  await partnerPage.goto(`/portal/referrals/${referralId}`);
  await expect(partnerPage.getByTestId("under-review")).toHaveText(/^Under review: our team is checking/);
  await expect(partnerPage.getByText(/\b(IP|velocity|shared|score|signals?)\b/i)).toHaveCount(0);
});
