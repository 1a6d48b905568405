import { apiToken, covers, expect, test } from "./fixtures";
import { adminApi, signUpPartner } from "./support";

/**
 * Holds by line and state, policy events and the compensation export, by clicking and through the API
 * (docs/compliance.md): a licensed partner's life lead in New York is held until its free-look date; a
 * cancellation on day 5 shows the clawback on the partner's Earnings and nets in the next payout; the
 * compensation export is downloaded from the console.
 */

const DAY = 86_400_000;

test("the free-look table is edited in the settings", async ({ adminPage: page }) => {
  covers("savePolicyWindows");
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Policy windows" });
  await expect(form).toContainText("The shipped rows are examples");
  const rows = form.locator("tbody tr");
  const before = await rows.count();
  await form.getByRole("button", { name: "Add row" }).click();
  const last = `row ${before + 1}`;
  await form.getByLabel(`Line, ${last}`).selectOption("HEALTH");
  await form.getByLabel(`State, ${last}`).fill("NY");
  await form.getByLabel(`Free-look days, ${last}`).fill("400");
  await form.getByRole("button", { name: "Save windows" }).click();
  await expect(form.getByText("Free-look is at most 366 days")).toBeVisible();
  await form.getByLabel(`Free-look days, ${last}`).fill("20");
  await form.getByRole("button", { name: "Save windows" }).click();
  await expect(form.getByTestId("action-success")).toHaveText("Saved the policy windows.");
  await page.reload();
  await expect(form.getByLabel(`State, ${last}`)).toHaveValue("NY");
  await form.getByRole("button", { name: `Remove ${last}` }).click();
  await form.getByRole("button", { name: "Save windows" }).click();
  await expect(form.getByTestId("action-success")).toHaveText("Saved the policy windows.");
  await expect(rows).toHaveCount(before);
});

test("a licensed partner's lead is held until its free-look date; a day-5 cancellation is clawed back and nets in the next payout", async ({
  adminPage: admin,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const api = await adminApi(request);
  const signed = await signUpPartner(browser, test.info().project.use.baseURL, "Licensed");
  const { data } = await api.get<{ data: { id: string; referralCode: string }[] }>(
    `/api/v1/partners?q=${encodeURIComponent(signed.email)}`,
  );
  const partner = data[0];
  await api.post(`/api/v1/partners/${partner.id}/status`, { status: "ACTIVE" }, 200);
  await api.patch(`/api/v1/partners/${partner.id}`, { npn: "19990001" });
  const put = await request.put(`/api/v1/partners/${partner.id}/licenses`, {
    headers: { authorization: `Bearer ${await apiToken(request, "admin")}` },
    data: [{ state: "NY", number: "NY-LIC-1", lines: ["LIFE_HEALTH"], expiresOn: "2030-12-31", verified: true }],
  });
  expect(put.status(), await put.text()).toBe(200);

  // A New York life lead converted at 1,000.00 now: held for the 10-day free-look window.
  const referral = await api.post<{ id: string; leadId: string }>("/api/v1/referrals", {
    partnerId: partner.id,
    referralCode: partner.referralCode,
    lead: {
      firstName: "Hollis",
      lastName: "Policyholder",
      email: `hollis.${Date.now()}@example.com`,
      state: "NY",
      insuranceType: "LIFE",
      consent: { given: true, textVersion: "e2e-1" },
    },
  });
  const { reward } = await api.post<{ reward: { id: string; holdUntil: string; holdReason: string } }>(
    `/api/v1/referrals/${referral.id}/process-conversion`,
    { conversionValue: "1000.00" },
  );
  expect(Math.round((Date.parse(reward.holdUntil) - Date.now()) / DAY)).toBe(10);
  expect(reward.holdReason).toBe("Life free-look window in NY: 10 days");
  await admin.goto(`/admin/rewards?view=held&q=${partner.referralCode}`);
  await expect(admin.locator("tbody tr").filter({ hasText: "Life free-look window in NY: 10 days" })).toHaveCount(1);
  const page = signed.page;
  await page.goto("/portal/earnings");
  const rows = page.getByRole("table", { name: "Your rewards" }).locator("tbody tr");
  await expect(rows.filter({ hasText: "Life free-look window in NY: 10 days" })).toHaveCount(1);

  // Paid early (an override), then the policy is issued today and cancelled on day 5: all of it comes back.
  await api.post(
    `/api/v1/rewards/${reward.id}/approve`,
    { override: true, reason: "e2e: paid before the free-look" },
    200,
  );
  await api.post(`/api/v1/rewards/${reward.id}/process-payment`, {
    paymentMethod: "OTHER",
    transactionId: `e2e-policy-${Date.now()}`,
  });
  const iso = (d: number) => new Date(Date.now() + d * DAY).toISOString().slice(0, 10);
  await api.post(`/api/v1/leads/${referral.leadId}/policy-events`, {
    type: "ISSUED",
    effectiveDate: iso(0),
    termDays: 365,
    policyNumber: "NY-LIFE-1",
  });
  const cancel = await api.post<{ outcome: { action: string; amountCents: number; createdRewardId: string } }>(
    `/api/v1/leads/${referral.leadId}/policy-events`,
    { type: "CANCELLED", effectiveDate: iso(5) },
  );
  expect(cancel.outcome).toMatchObject({ action: "CLAWBACK", amountCents: 10_000 });
  await page.goto("/portal/earnings");
  const claw = rows.filter({ hasText: "Cancelled on day 5 of a 10-day free-look window" });
  await expect(claw).toHaveCount(1);
  await expect(claw).toContainText("Clawback");
  await expect(claw).toContainText("-$100.00");

  // The next payout nets it: a 150.00 bonus less the 100.00 clawback.
  await api.approvedBonus(partner.id, 15_000, "e2e bonus");
  const batch = await api.post<{ payouts: { id: string; amountCents: number }[] }>("/api/v1/payouts", {
    partnerIds: [partner.id],
    minimumCents: 0,
  });
  expect(batch.payouts.map((p) => p.amountCents)).toEqual([5_000]);

  // The compensation export, downloaded from the console, has the clawback in that payout.
  await admin.goto("/admin/reports");
  const form = admin.getByRole("form", { name: "Compensation export" });
  await form.getByLabel("From").fill(iso(-1));
  await form.getByLabel("To").fill(iso(1));
  const [download] = await Promise.all([
    admin.waitForEvent("download"),
    form.getByRole("button", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^compensation-.*\.csv$/);
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(c as Buffer);
  const line = Buffer.concat(chunks)
    .toString("utf8")
    .split("\r\n")
    .find((l) => l.startsWith(cancel.outcome.createdRewardId));
  expect(line).toContain(",CLAWBACK,APPROVED,");
  expect(line).toContain("19990001,LICENSED,NY-LIC-1");
  expect(line).toContain(`,-10000,USD,${batch.payouts[0].id},PENDING,`);
  await signed.context.close();
});
