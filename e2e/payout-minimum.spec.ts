import { covers, expect, test } from "./fixtures";
import { adminApi, newPartner, tickOnly } from "./support";

test("a batch with the minimum left blank pays a partner under their own minimum and leaves the program's for others", async ({
  adminPage: page,
  request,
}) => {
  covers("createBatchAction");
  test.setTimeout(120_000);
  const api = await adminApi(request);
  const stamp = Date.now().toString(36);
  const own = await newPartner(request, `Ownmin${stamp}`);
  const plain = await newPartner(request, `Progmin${stamp}`);
  // Own minimum 10.00; the program's stays at its default, 50.00. Both have 20.00 approved.
  await api.patch(`/api/v1/partners/${own.id}`, { minimumPayoutCents: 1000 });
  for (const p of [own, plain]) {
    const reward = await api.post<{ id: string }>("/api/v1/rewards", {
      partnerId: p.id,
      type: "BONUS",
      amountCents: 2000,
      reason: "e2e payout minimum",
    });
    await api.post(`/api/v1/rewards/${reward.id}/approve`, { override: true, reason: "e2e" }, 200);
  }

  await page.goto("/admin/payouts");
  const form = page.getByRole("form", { name: "Create a payout batch" });
  await expect(form.getByLabel("Minimum amount per partner")).toHaveValue("");
  const ownBox = form.getByRole("checkbox", { name: `Pay Action Ownmin${stamp}` });
  const plainBox = form.getByRole("checkbox", { name: `Pay Action Progmin${stamp}` });
  await expect(ownBox).toBeChecked();
  await expect(plainBox).toBeDisabled();
  await expect(form.getByRole("row").filter({ hasText: `Progmin${stamp}` })).toContainText(
    "below the minimum ($50.00)",
  );

  // Only this test's partner goes into the batch: every other ticked partner is unticked.
  expect(await tickOnly(form, `Pay Action Ownmin${stamp}`)).toContain(`Pay Action Ownmin${stamp}`);
  await form.getByRole("button", { name: "Create batch: 1 partners, $20.00" }).click();
  await expect(form.getByText("Batch created: 1 payouts.")).toBeVisible();

  const ownPayouts = await api.get<{ data: { amountCents: number }[] }>(`/api/v1/payouts?partnerId=${own.id}`);
  expect(ownPayouts.data.map((p) => p.amountCents)).toEqual([2000]);
  const plainPayouts = await api.get<{ data: unknown[] }>(`/api/v1/payouts?partnerId=${plain.id}`);
  expect(plainPayouts.data).toEqual([]);
});
