import { covers, expect, test } from "./fixtures";
import { adminApi, ecbDate, enter, option, partnerMe, signUpPartner, tickOnly } from "./support";

/** The ECB's daily file layout (eurofxref.csv), dated today so the batch below finds its rates. */
function ecbDaily(today: Date): string {
  return `Date, USD, JPY, GBP, CHF, \n${ecbDate(today)}, 1.0500, 162.45, 0.84210, 0.9345, \n`;
}

test("a partner chooses GBP; the batch blocks it naming the pair; the admin imports ECB rates and enters one; the batch converts", async ({
  browser,
  adminPage: admin,
  request,
}) => {
  covers(
    "savePayoutCurrencyAction",
    "importFxRatesAction",
    "saveFxRateAction",
    "createBatchAction",
    "setPayoutCurrencyAction",
  );
  const api = await adminApi(request);
  const { page, context } = await signUpPartner(browser, test.info().project.use.baseURL, "Pound");
  const me = await partnerMe(page);
  await api.post(`/api/v1/partners/${me.id}/status`, { status: "ACTIVE", reason: "e2e" }, 200);
  await api.approvedBonus(me.id, 12_345, "e2e FX");

  // The partner asks to be paid in pounds.
  await page.goto("/portal/profile");
  const currency = page.getByRole("form", { name: "Payout currency" });
  await expect(currency.getByLabel("Payout currency")).toHaveValue("");
  await currency.getByLabel("Payout currency").selectOption("GBP");
  await currency.getByRole("button", { name: "Save currency" }).click();
  await expect(currency.getByText("Payouts will be made in GBP.")).toBeVisible();
  await context.close();

  // Without a USD→GBP rate the batch preview blocks the partner and names the pair.
  await admin.goto("/admin/payouts");
  const form = admin.getByRole("form", { name: "Create a payout batch" });
  const row = form.getByRole("row").filter({ hasText: "Sam Pound" });
  await expect(row).toContainText("No exchange rate for USD→GBP");
  await expect(row.getByRole("checkbox", { name: "Pay Sam Pound" })).toBeDisabled();

  // The admin imports the ECB file and types one rate by hand.
  await admin.getByRole("link", { name: "Exchange rates" }).click();
  await expect(admin).toHaveURL(/\/admin\/payouts\/rates$/);
  const upload = admin.getByRole("form", { name: "Import ECB reference rates" });
  await upload
    .getByLabel("ECB reference rates (CSV)")
    .setInputFiles({ name: "eurofxref.csv", mimeType: "text/csv", buffer: Buffer.from(ecbDaily(new Date())) });
  await upload.getByRole("button", { name: "Import rates" }).click();
  await expect(upload.getByText("Imported 4 rates over 1 days.")).toBeVisible();
  const one = admin.getByRole("form", { name: "Enter an exchange rate" });
  await enter(one, { "1 unit of": option("USD"), "Is worth, in": option("MXN"), Rate: "1.2.3" });
  await one.getByRole("button", { name: "Save rate" }).click();
  await expect(one.getByLabel("Rate")).toHaveAttribute("aria-invalid", "true");
  await one.getByLabel("Rate").fill("18.2");
  await one.getByRole("button", { name: "Save rate" }).click();
  await expect(one.getByText(/Saved the USD→MXN rate for \d{4}-\d{2}-\d{2}\./)).toBeVisible();
  const rates = admin.getByRole("region", { name: "Exchange rates, newest day first" });
  await expect(rates.getByRole("row").filter({ hasText: "USD→MXN" })).toContainText("18.2");
  await expect(rates.getByRole("row").filter({ hasText: "EUR→GBP" })).toContainText("0.8421");

  // Now the batch converts: $123.45 × (0.8421 / 1.05 = 0.802) = £99.0069 → £99.01, per currency in the button.
  await admin.goto("/admin/payouts");
  await form.getByLabel("Minimum amount per partner").fill("0");
  await expect(row).toContainText("£99.01");
  await expect(row).toContainText("converted from $123.45");
  await tickOnly(form, "Pay Sam Pound");
  await form.getByRole("button", { name: "Create batch: 1 partners, £99.01" }).click();
  await expect(form.getByText("Batch created: 1 payouts.")).toBeVisible();

  // The payout shows the rate it used.
  await admin.goto(`/admin/partners/${me.id}`);
  const payouts = await api.get<{ data: { id: string; currency: string }[] }>(`/api/v1/payouts?partnerId=${me.id}`);
  await admin.goto(`/admin/payouts/${payouts.data[0].id}`);
  const conv = admin.getByRole("region", { name: "Conversions of this payout" });
  await expect(conv).toContainText("USD→GBP");
  await expect(conv).toContainText("0.802");
  await expect(conv).toContainText("ECB, cross via EUR");

  // The admin switches the partner to euros on the partner page.
  await admin.goto(`/admin/partners/${me.id}`);
  const adminCurrency = admin.getByRole("form", { name: "Payout currency" });
  await expect(adminCurrency.getByLabel("Payout currency")).toHaveValue("GBP");
  await adminCurrency.getByLabel("Payout currency").selectOption("EUR");
  await adminCurrency.getByRole("button", { name: "Save currency" }).click();
  await expect(adminCurrency.getByText("Payouts will be made in EUR.")).toBeVisible();
  await expect(admin.getByText("EUR (converted)")).toBeVisible();
});
