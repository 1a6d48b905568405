import type { APIRequestContext } from "@playwright/test";
import { apiToken, expect, test, covers } from "./fixtures";

/** A fresh batch of `n` PENDING payouts (one new partner each, a $40 bonus approved), made through the API. */
async function freshBatch(request: APIRequestContext, n: number) {
  const headers = { authorization: `Bearer ${await apiToken(request, "admin")}` };
  const partnerIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const stamp = `${Date.now()}${i}`;
    const partner = await request.post("/api/v1/partners", {
      headers,
      data: {
        firstName: "Batch",
        lastName: `Payee${i}`,
        email: `batch.${stamp}@partners.test`,
        phone: `555${stamp.slice(-7)}`,
      },
    });
    expect(partner.status(), await partner.text()).toBe(201);
    const partnerId = (await partner.json()).id as string;
    const reward = await request.post("/api/v1/rewards", {
      headers,
      data: { partnerId, type: "BONUS", amountCents: 4000, reason: "e2e batch" },
    });
    expect(reward.status(), await reward.text()).toBe(201);
    const approve = await request.post(`/api/v1/rewards/${(await reward.json()).id}/approve`, { headers, data: {} });
    expect(approve.status(), await approve.text()).toBe(200);
    partnerIds.push(partnerId);
  }
  const batch = await request.post("/api/v1/payouts", { headers, data: { partnerIds, minimumCents: 0 } });
  expect(batch.status(), await batch.text()).toBe(201);
  const body = (await batch.json()) as { batchId: string; payouts: { id: string }[] };
  const payout = async (id: string) =>
    (await (await request.get(`/api/v1/payouts/${id}`, { headers })).json()) as Record<string, unknown>;
  return { batchId: body.batchId, ids: body.payouts.map((p) => p.id), payout };
}

test("markBatchPaidAction: one reference marks every pending payout of the batch paid", async ({
  adminPage: page,
  request,
}) => {
  covers("markBatchPaidAction");
  const { batchId, ids, payout } = await freshBatch(request, 2);
  await page.goto(`/admin/payouts?batchId=${batchId}`);
  const form = page.getByRole("form", { name: "Mark the whole batch paid" });
  await form.getByRole("button", { name: "Mark 2 pending payouts paid" }).click();
  await expect(form.getByText("Enter the bank's reference for this batch")).toBeVisible();
  const ref = `WIRE-${Date.now()}`;
  await form.getByLabel("Bank reference for the batch").fill(ref);
  await form.getByLabel("Payment method").selectOption("PAYPAL");
  await form.getByRole("button", { name: "Mark 2 pending payouts paid" }).click();
  await expect(form.getByText("2 payouts marked paid.")).toBeVisible();
  for (const id of ids)
    expect(await payout(id)).toMatchObject({
      status: "PAID",
      paymentMethod: "PAYPAL",
      transactionId: `${ref}-${id.slice(0, 8)}`,
    });
  // The history shows the method as people spell it, and nothing is left to pay in the batch.
  const history = page.getByRole("table", { name: /Payout history/ });
  await expect(history.getByText("PayPal").first()).toBeVisible();
  await expect(history.getByText(`${ref}-${ids[0].slice(0, 8)}`)).toBeVisible();
  await expect(form.getByRole("button", { name: "Mark 0 pending payouts paid" })).toBeDisabled();
});

test("previewConfirmationAction and applyConfirmationAction: the bank's CSV, previewed, applied once", async ({
  adminPage: page,
  request,
}) => {
  covers("previewConfirmationAction", "applyConfirmationAction");
  const { ids, payout } = await freshBatch(request, 2);
  const txn = `CONF-${Date.now()}`;
  const csv = [
    "payout_id,status,transaction_id,failure_reason",
    `${ids[0]},PAID,${txn},`,
    `${ids[1]},FAILED,,Account closed`,
    `not-a-payout,PAID,X-1,`,
  ].join("\n");
  const file = { name: "bank-confirmation.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };
  await page.goto("/admin/payouts");
  const form = page.getByRole("form", { name: "Upload the bank's confirmation" });
  await form.getByLabel("Confirmation file (CSV)").setInputFiles(file);
  await form.getByRole("button", { name: "Preview" }).click();
  const rows = form.getByTestId("confirmation-row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText("Will be marked paid");
  await expect(rows.nth(1)).toContainText("Will be marked failed");
  await expect(rows.nth(2)).toContainText('Not applied"not-a-payout" is not a payout id.');
  // The preview wrote nothing.
  expect(await payout(ids[0])).toMatchObject({ status: "PENDING" });

  await form.getByRole("button", { name: "Apply 2 rows" }).click();
  await expect(form.getByText("Applied: 1 paid, 1 failed, 0 unchanged, 1 not applied.")).toBeVisible();
  await expect(rows.nth(0)).toContainText("Marked paid");
  await expect(rows.nth(1)).toContainText("Marked failed");
  expect(await payout(ids[0])).toMatchObject({ status: "PAID", transactionId: txn });
  expect(await payout(ids[1])).toMatchObject({ status: "FAILED", failureReason: "Account closed" });

  // The same file again: every row says there is nothing to change, and there is nothing to apply.
  await page.reload();
  await form.getByLabel("Confirmation file (CSV)").setInputFiles(file);
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(rows.nth(0)).toContainText(`No changeAlready paid with transaction id ${txn}.`);
  await expect(rows.nth(1)).toContainText("No changeAlready recorded as failed for this reason.");
  await expect(form.getByRole("button", { name: "Apply 0 rows" })).toBeDisabled();

  // A file without the needed columns is refused as a whole, in words.
  await form.getByLabel("Confirmation file (CSV)").setInputFiles({ ...file, buffer: Buffer.from("id;amount\n1;2") });
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("alert")).toContainText("The first line must name the columns");
});
