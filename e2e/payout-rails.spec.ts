import fs from "node:fs";
import type { Page } from "@playwright/test";
import { covers, expect, test } from "./fixtures";
import { adminApi, enter, option, partnerMe, signUpPartner, tickOnly } from "./support";

/** The signed-in partner's payout details form on /portal/profile, filled in for SEPA, not yet saved. */
async function sepaDetails(page: Page, holder: string, iban: string, bic?: string) {
  await page.goto("/portal/profile");
  const form = page.getByRole("form", { name: "Payout details" });
  const details = { "How you get paid": option("SEPA"), "Account holder / payee name": holder, IBAN: iban };
  await enter(form, bic ? { ...details, BIC: bic } : details);
  return form;
}

test("a partner enters an IBAN: a bad check digit is refused, the saved one is shown masked", async ({ browser }) => {
  covers("savePayoutDetailsAction");
  const { page, context } = await signUpPartner(browser, test.info().project.use.baseURL, "Iban");
  const form = await sepaDetails(page, "Sam Iban", "DE89 3704 0044 0532 0130 01");
  await form.getByRole("button", { name: "Save payout details" }).click();
  await expect(form.getByLabel("IBAN")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByText("This IBAN is not valid (check digits or length)")).toBeVisible();
  await form.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 00");
  await form.getByRole("button", { name: "Save payout details" }).click();
  await expect(form.getByText("Your payout details are saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("On file: •••• 3000. Enter it again to change it.")).toBeVisible();
  await expect(page.locator("body")).not.toContainText("DE89370400440532013000");
  await context.close();
});

test("a EUR partner enters an IBAN; the admin batches, downloads the SEPA file, imports the confirmation; the partner sees Paid", async ({
  browser,
  adminPage: admin,
  request,
}) => {
  covers("savePayoutDetailsAction", "createBatchAction", "previewConfirmationAction", "applyConfirmationAction");
  const api = await adminApi(request);
  const { page, context } = await signUpPartner(browser, test.info().project.use.baseURL, "Euro");
  const me = await partnerMe(page);
  await api.post(`/api/v1/partners/${me.id}/status`, { status: "ACTIVE", reason: "e2e" }, 200);
  await api.patch(`/api/v1/partners/${me.id}`, { currency: "EUR" });
  await api.approvedBonus(me.id, 12_345, "e2e SEPA");

  // The partner enters an IBAN.
  const details = await sepaDetails(page, "Sam Euro", "FR14 2004 1010 0505 0001 3M02 606", "BNPAFRPP");
  await details.getByRole("button", { name: "Save payout details" }).click();
  await expect(details.getByText("Your payout details are saved.")).toBeVisible();

  // The admin creates a batch of this partner only.
  await admin.goto("/admin/payouts");
  const form = admin.getByRole("form", { name: "Create a payout batch" });
  await form.getByLabel("Minimum amount per partner").fill("0");
  // Only this partner goes into the batch.
  await tickOnly(form, "Pay Sam Euro");
  await form.getByRole("button", { name: /^Create batch: 1 partners/ }).click();
  await expect(form.getByText("Batch created: 1 payouts.")).toBeVisible();
  await form.getByRole("link", { name: "Record payments for this batch" }).click();

  // …downloads the SEPA file from the batch page…
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    admin.getByRole("link", { name: "Download SEPA credit transfer (pain.001) (1)" }).click(),
  ]);
  const xml = fs.readFileSync((await download.path())!, "utf8");
  expect(xml).toContain('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09">');
  expect(xml).toContain("<IBAN>FR1420041010050500013M02606</IBAN>");
  expect(xml).toContain('<InstdAmt Ccy="EUR">123.45</InstdAmt>');
  expect(xml).toContain("<NbOfTxs>1</NbOfTxs>");
  const e2e = /<EndToEndId>([0-9a-f]{32})<\/EndToEndId>/.exec(xml)![1];
  const payoutId = `${e2e.slice(0, 8)}-${e2e.slice(8, 12)}-${e2e.slice(12, 16)}-${e2e.slice(16, 20)}-${e2e.slice(20)}`;

  // …and imports the bank's confirmation, naming the payout by the file's end-to-end id.
  await admin.goto("/admin/payouts");
  const upload = admin.getByRole("form", { name: "Upload the bank's confirmation" });
  const csv = `payout_id,status,transaction_id\n${payoutId},PAID,SEPA-${e2e.slice(0, 12)}\n`;
  await upload
    .getByLabel("Confirmation file (CSV)")
    .setInputFiles({ name: "sepa-confirmation.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await upload.getByRole("button", { name: "Preview" }).click();
  await expect(upload.getByTestId("confirmation-row")).toContainText("Will be marked paid");
  await upload.getByRole("button", { name: "Apply 1 row" }).click();
  await expect(upload.getByText("Applied: 1 paid, 0 failed, 0 unchanged, 0 not applied.")).toBeVisible();

  // The partner sees it paid.
  await page.goto("/portal/payouts");
  const row = page.getByRole("row").filter({ hasText: "€123.45" });
  await expect(row).toContainText("Paid");
  await context.close();
});
