import { covers, expect, test } from "./fixtures";
import { adminApi, enter, option, partnerMe, signUpPartner } from "./support";

test("a partner signs a W-9 in the portal: a bad TIN is refused, the saved one is masked, and the admin sees its status", async ({
  browser,
  adminPage: admin,
}) => {
  covers("saveTaxFormAction");
  const { page, context } = await signUpPartner(browser, test.info().project.use.baseURL, "Taxpayer");
  const me = await partnerMe(page);
  await page.goto("/portal");
  await page.getByRole("link", { name: "Tax form" }).click();
  await expect(page.getByText("No tax form on file.")).toBeVisible();
  const form = page.getByRole("form", { name: "Tax form" });
  await enter(form, {
    "Which form": option("W9"),
    "Name (as shown on your income tax return)": "Sam Taxpayer",
    "Federal tax classification": option("INDIVIDUAL"),
    "Street address": "1 Main St",
    City: "Austin",
  });
  await form.getByLabel("State", { exact: true }).fill("TX");
  await enter(form, {
    "Postal code": "78701",
    "SSN or EIN": "123-45-678",
    "Signature: type your full name": "Sam Taxpayer",
  });
  await form.getByRole("button", { name: "Sign and submit" }).click();
  await expect(form.getByLabel("SSN or EIN")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("An SSN or EIN has 9 digits")).toBeVisible();
  await expect(form.getByText("Tick the box to certify the information and sign")).toBeVisible();
  await form.getByLabel("SSN or EIN").fill("123-45-6789");
  await form.getByLabel("I certify the above, and sign this form electronically").check();
  await form.getByRole("button", { name: "Sign and submit" }).click();
  await expect(form.getByText("Your W-9 is signed and on file (TIN •••• 6789).")).toBeVisible();
  await page.reload();
  await expect(page.getByText("SSN •••• 6789")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("123456789");
  await expect(page.locator("body")).not.toContainText("123-45-6789");
  await context.close();

  await admin.goto(`/admin/partners/${me.id}`);
  const status = admin.getByLabel("Tax form status");
  await expect(status).toContainText("W-9 on file");
  await expect(status).toContainText("SSN •••• 6789");
  await expect(admin.locator("body")).not.toContainText("123456789");
});

test("the admin schedules batches, the job drafts one on the payout day, and the admin approves it before its files", async ({
  adminPage: page,
  request,
}) => {
  covers("saveSettings", "runJobNowAction", "approveBatchAction");
  const today = new Date().getUTCDate();
  test.skip(today > 28, "a payout day is the 1st to the 28th");
  const api = await adminApi(request);
  const partner = await api.post<{ id: string }>("/api/v1/partners", {
    firstName: "Sched",
    lastName: `Uled${Date.now()}`,
    email: `scheduled.${Date.now()}@partners.test`,
  });
  await api.approvedBonus(partner.id, 7_500, "e2e scheduled batch");

  await page.goto("/admin/settings");
  const settings = page.getByRole("form", { name: "Program settings" });
  const day = settings.getByLabel("Payout day of month");
  const originalDay = await day.inputValue();
  await settings.getByLabel("Payout batches").selectOption("AUTO");
  await settings.getByLabel("1099-NEC threshold").fill("2500.00");
  await day.fill(String(today));
  await settings.getByRole("button", { name: "Save settings" }).click();
  await expect(settings.getByText(/Saved \d changes\./)).toBeVisible();
  try {
    await page.goto("/admin/jobs");
    await page.getByRole("button", { name: "Run now draft-payout-batch" }).click();
    await expect(page.getByTestId("job-draft-payout-batch")).toContainText("Due now");
    await expect(async () => {
      await page.goto("/admin/payouts");
      await expect(page.getByText(/Drafted batches waiting for approval/)).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await page
      .getByRole("link", { name: /^Payout day / })
      .first()
      .click();
    const approval = page.getByRole("region", { name: "Draft batch approval" });
    await expect(approval).toContainText("Drafted automatically for the payout day");
    await expect(page.getByLabel("Bank files")).toHaveCount(0);
    const batchId = new URL(page.url()).searchParams.get("batchId")!;
    const early = await page.request.get(`/api/v1/payouts/batches/${batchId}/file?format=csv`);
    expect(early.status()).toBe(409);
    await approval.getByRole("button", { name: "Approve batch" }).click();
    await expect(page.getByText(/Batch approved: \d+ payouts? can be paid\./)).toBeVisible();
    await expect(page.getByLabel("Bank files")).toBeVisible();
    await expect(page.getByRole("form", { name: "Mark the whole batch paid" })).toBeVisible();
    const file = await page.request.get(`/api/v1/payouts/batches/${batchId}/file?format=csv`);
    expect(file.status()).toBe(200);
  } finally {
    await page.goto("/admin/settings");
    await settings.getByLabel("Payout batches").selectOption("MANUAL");
    await settings.getByLabel("1099-NEC threshold").fill("2000.00");
    await settings.getByLabel("Payout day of month").fill(originalDay);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(settings.getByText(/Saved \d changes\./)).toBeVisible();
  }
});

test("the admin downloads the 1099-NEC report from the payouts page", async ({ adminPage: page }) => {
  await page.goto("/admin/payouts");
  const year = new Date().getUTCFullYear();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: `Download 1099-NEC report ${year}` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`1099-nec-${year}.csv`);
  const text = await (await file.createReadStream()).toArray();
  expect(Buffer.concat(text).toString("utf8")).toMatch(/^partner_id,w9_on_file,recipient_name,/);
});
