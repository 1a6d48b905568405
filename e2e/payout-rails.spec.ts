import fs from "node:fs";
import { covers, expect, test } from "./fixtures";
import { adminApi, signUpPartner } from "./support";

test("a partner enters an IBAN: a bad check digit is refused, the saved one is shown masked", async ({ browser }) => {
  covers("savePayoutDetailsAction");
  const { page, context } = await signUpPartner(browser, test.info().project.use.baseURL, "Iban");
  await page.goto("/portal/profile");
  const form = page.getByRole("form", { name: "Payout details" });
  await form.getByLabel("How you get paid").selectOption("SEPA");
  await form.getByLabel("Account holder / payee name").fill("Sam Iban");
  await form.getByLabel("IBAN").fill("DE89 3704 0044 0532 0130 01");
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
  const me = (await (await page.request.get("/api/v1/partners/me")).json()) as {
    id: string;
    firstName: string;
    lastName: string;
  };
  await api.post(`/api/v1/partners/${me.id}/status`, { status: "ACTIVE", reason: "e2e" }, 200);
  await api.patch(`/api/v1/partners/${me.id}`, { currency: "EUR" });
  const reward = await api.post<{ id: string }>("/api/v1/rewards", {
    partnerId: me.id,
    type: "BONUS",
    amountCents: 12_345,
    reason: "e2e SEPA",
  });
  await api.post(`/api/v1/rewards/${reward.id}/approve`, {}, 200);

  // The partner enters an IBAN.
  await page.goto("/portal/profile");
  const details = page.getByRole("form", { name: "Payout details" });
  await details.getByLabel("How you get paid").selectOption("SEPA");
  await details.getByLabel("Account holder / payee name").fill("Sam Euro");
  await details.getByLabel("IBAN").fill("FR14 2004 1010 0505 0001 3M02 606");
  await details.getByLabel("BIC").fill("BNPAFRPP");
  await details.getByRole("button", { name: "Save payout details" }).click();
  await expect(details.getByText("Your payout details are saved.")).toBeVisible();

  // The admin creates a batch of this partner only.
  await admin.goto("/admin/payouts");
  const form = admin.getByRole("form", { name: "Create a payout batch" });
  await form.getByLabel("Minimum amount per partner").fill("0");
  // Only this partner goes into the batch: untick every other one, by name (a list of nth() locators shifts).
  const ticked = await form
    .getByRole("checkbox", { checked: true })
    .evaluateAll((boxes) => boxes.map((b) => b.getAttribute("aria-label") ?? ""));
  for (const name of ticked)
    if (name !== "Pay Sam Euro") await form.getByRole("checkbox", { name, exact: true }).uncheck();
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
