import type { Page } from "@playwright/test";
import { expect, test, covers } from "./fixtures";
import { adminApi, newPartner, receiver, signUpPartner } from "./support";

/**
 * The console's remaining actions, clicked as the demo admin: each test checks what the page then says and
 * what the API then returns. (Conversions, rewards, payouts, partners and API keys have their own specs.)
 */

async function confirm(page: Page, button: string, reason?: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByRole("textbox").fill(reason);
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await expect(dialog).toBeHidden();
}

type Partner = { id: string; lastName: string; status: string; statusReason: string | null; referralCode: string };

test("a partner is edited, gets a new code and is terminated", async ({ adminPage: page, request }) => {
  covers("updatePartnerAction", "regenerateCode", "changeStatus");
  const api = await adminApi(request);
  const created = await newPartner(request, "Editable");
  const before = await api.get<Partner & { commissionRateBps: number }>(`/api/v1/partners/${created.id}`);

  await page.goto(`/admin/partners/${created.id}/edit`);
  const form = page.getByRole("form", { name: "Edit partner" });
  await form.getByLabel("Last name").fill("Edited");
  await form.getByLabel("Commission rate (%)").fill("11.25");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  expect(await api.get(`/api/v1/partners/${created.id}`)).toMatchObject({
    lastName: "Edited",
    commissionRateBps: 1125,
  });

  await page.goto(`/admin/partners/${created.id}`);
  await expect(page.getByRole("heading", { name: "Action Edited" })).toBeVisible();
  await page.getByRole("button", { name: "Regenerate code" }).click();
  await confirm(page, "Regenerate");
  await expect(page.getByText(/^New code \w+\. .* still works as an alias\./)).toBeVisible();
  const regenerated = await api.get<Partner & { codes: { code: string; isCurrent: boolean }[] }>(
    `/api/v1/partners/${created.id}`,
  );
  expect(regenerated.referralCode).not.toBe(before.referralCode);
  expect(regenerated.codes).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ code: before.referralCode, isCurrent: false }),
      expect.objectContaining({ code: regenerated.referralCode, isCurrent: true }),
    ]),
  );

  await page.getByLabel("New status").selectOption("TERMINATED");
  await page.getByRole("button", { name: "Change status" }).click();
  await confirm(page, "Change status", "Contract ended");
  await expect(page.getByText("Status changed to Terminated.")).toBeVisible();
  expect(await api.get(`/api/v1/partners/${created.id}`)).toMatchObject({
    status: "TERMINATED",
    statusReason: "Contract ended",
  });
});

test("a partner application is approved and another declined", async ({ adminPage: page, browser, request }) => {
  covers("approveApplication", "declineApplication");
  const api = await adminApi(request);
  const baseURL = test.info().project.use.baseURL;
  const yes = await signUpPartner(browser, baseURL, "Approvable");
  const no = await signUpPartner(browser, baseURL, "Declinable");
  await yes.context.close();
  await no.context.close();
  const find = async (email: string) =>
    (await api.get<{ data: Partner[] }>(`/api/v1/partners?q=${encodeURIComponent(email)}`)).data[0];
  expect((await find(yes.email)).status).toBe("INACTIVE");

  // A decided application leaves the list, and the decision is confirmed above it.
  const table = page.getByRole("table", { name: "Partner applications" });
  const row = (email: string) => table.getByRole("row").filter({ hasText: email });
  await page.goto(`/admin/partners?view=applications&q=${encodeURIComponent(yes.email)}`);
  await row(yes.email).getByRole("button", { name: "Approve" }).click();
  await confirm(page, "Approve");
  await expect(row(yes.email)).toHaveCount(0);
  await expect(page.getByText(/^Sam Approvable approved/)).toBeVisible();
  expect((await find(yes.email)).status).toBe("ACTIVE");

  await page.goto(`/admin/partners?view=applications&q=${encodeURIComponent(no.email)}`);
  await row(no.email).getByRole("button", { name: "Decline" }).click();
  await confirm(page, "Decline", "Not a licensed agent");
  await expect(row(no.email)).toHaveCount(0);
  await expect(page.getByText(/^Sam Declinable declined/)).toBeVisible();
  expect(await find(no.email)).toMatchObject({
    status: "TERMINATED",
    statusReason: expect.stringContaining("Not a licensed agent"),
  });
  await page.goto(`/admin/partners?q=${encodeURIComponent(yes.email)}`);
  await expect(
    page.getByRole("table", { name: "Partners" }).getByRole("row").filter({ hasText: yes.email }),
  ).toContainText("Active");
});

test.describe("referral actions", () => {
  const leadBody = (tag: string) => ({
    firstName: "Linda",
    lastName: `Lead${tag}`,
    email: `lead-${tag}-${Date.now()}@example.com`,
    insuranceType: "auto",
    consent: { given: true, textVersion: "e2e" },
  });

  async function referral(request: Parameters<typeof adminApi>[0], tag: string, withLead: boolean) {
    const api = await adminApi(request);
    const partner = await newPartner(request, `Referrer${tag}`);
    const body = { partnerId: partner.id, referralCode: partner.referralCode, source: "EMAIL" };
    return api.post<{ id: string }>("/api/v1/referrals", withLead ? { ...body, lead: leadBody(tag) } : body);
  }

  test("a referral without a lead is linked to one", async ({ adminPage: page, request }) => {
    covers("linkLeadAction");
    const api = await adminApi(request);
    const ref = await referral(request, "Link", false);
    const lead = await api.post<{ id: string }>("/api/v1/leads", leadBody("Linked"));
    await page.goto(`/admin/referrals/${ref.id}`);
    const form = page.getByRole("form", { name: "Link to a lead" });
    await form.getByLabel("Lead id").fill(lead.id);
    await form.getByRole("button", { name: "Link to lead" }).click();
    await expect(page.getByText("Linked to the lead; the referral is accepted.")).toBeVisible();
    expect(await api.get(`/api/v1/referrals/${ref.id}`)).toMatchObject({ status: "ACCEPTED", leadId: lead.id });
    await expect(page.getByRole("form", { name: "Link to a lead" })).toHaveCount(0);
  });

  test("a pending referral is accepted, another rejected with a reason", async ({ adminPage: page, request }) => {
    covers("acceptAction", "rejectAction");
    const api = await adminApi(request);
    const accepted = await referral(request, "Accept", true);
    const rejected = await referral(request, "Reject", true);

    await page.goto(`/admin/referrals/${accepted.id}`);
    await page.getByRole("button", { name: "Accept", exact: true }).click();
    await confirm(page, "Accept");
    await expect(page.getByText("Referral accepted.")).toBeVisible();
    expect(await api.get(`/api/v1/referrals/${accepted.id}`)).toMatchObject({ status: "ACCEPTED" });
    await expect(page.getByRole("button", { name: "Accept", exact: true })).toHaveCount(0);

    await page.goto(`/admin/referrals/${rejected.id}`);
    await page.getByRole("button", { name: "Reject", exact: true }).click();
    await confirm(page, "Reject", "DUPLICATE_LEAD");
    await expect(page.getByText("No actions: the referral is rejected.")).toBeVisible();
    expect(await api.get(`/api/v1/referrals/${rejected.id}`)).toMatchObject({
      status: "REJECTED",
      rejectionReason: "DUPLICATE_LEAD",
    });
  });
});

test("Approve all matching approves every reward of the filtered partner", async ({ adminPage: page, request }) => {
  covers("matchingRewardIds", "bulkApproveAction");
  const api = await adminApi(request);
  const partner = await newPartner(request, "Bulk");
  for (const cents of [1500, 2500])
    await api.post("/api/v1/rewards", { partnerId: partner.id, type: "BONUS", amountCents: cents, reason: "e2e all" });

  await page.goto(`/admin/rewards?partnerId=${partner.id}`);
  const rows = page.getByRole("table", { name: /awaiting approval/ }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await page.getByRole("button", { name: "Approve all 2 matching" }).click();
  const dialog = page.getByRole("dialog");
  if (await dialog.getByRole("textbox").count()) await dialog.getByRole("textbox").fill("e2e: approve early");
  await dialog.getByRole("button", { name: "Approve all", exact: true }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText(/2 of 2 processed: 2 approved, 0 skipped/);
  const stored = await api.get<{ data: { status: string }[] }>(`/api/v1/rewards?partnerId=${partner.id}`);
  expect(stored.data.map((r) => r.status)).toEqual(["APPROVED", "APPROVED"]);
});

test("a payout is marked failed with the bank's reason", async ({ adminPage: page, request }) => {
  covers("markFailedAction");
  const api = await adminApi(request);
  const partner = await newPartner(request, "Bounced");
  const reward = await api.approvedBonus(partner.id, 4200, "e2e failed payout");
  const batch = await api.post<{ batchId: string; payouts: { id: string }[] }>("/api/v1/payouts", {
    partnerIds: [partner.id],
    minimumCents: 0,
  });
  await page.goto(`/admin/payouts?batchId=${batch.batchId}`);
  await page
    .getByRole("form", { name: /Record payment for/ })
    .getByRole("button", { name: "Failed…" })
    .click();
  await confirm(page, "Mark failed", "Account closed");
  const history = page.getByRole("table", { name: /Payout history/ });
  await expect(history.getByRole("row").filter({ hasText: "Action Bounced" })).toContainText(/Failed.*Account closed/);
  expect(await api.get(`/api/v1/payouts/${batch.payouts[0].id}`)).toMatchObject({
    status: "FAILED",
    failureReason: "Account closed",
  });
  expect(await api.get(`/api/v1/rewards/${reward.id}`)).toMatchObject({ status: "APPROVED" });
});

test("settings are saved and survive a reload", async ({ adminPage: page }) => {
  covers("saveSettings");
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Program settings" });
  const name = form.getByLabel("Business name");
  const original = await name.inputValue();
  await name.fill(`${original} (e2e)`);
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("Saved 1 change.")).toBeVisible();
  await page.reload();
  await expect(name).toHaveValue(`${original} (e2e)`);
  await name.fill(original);
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText("Saved 1 change.")).toBeVisible();
  await page.reload();
  await expect(name).toHaveValue(original);
});

test("a webhook endpoint is disabled, enabled, its delivery replayed, and deleted", async ({
  adminPage: page,
  request,
}) => {
  covers("setEndpointEnabledAction", "replayDeliveryAction", "deleteEndpointAction");
  test.setTimeout(90_000);
  const rx = await receiver(`/e2e-replay-${Date.now()}`);
  try {
    await page.goto("/admin/webhooks");
    const endpoints = page.getByRole("region", { name: "Endpoints" });
    await endpoints.getByLabel("Endpoint URL").fill(rx.url);
    await endpoints.getByRole("button", { name: "Add endpoint" }).click();
    await expect(endpoints.getByTestId("secret-once")).toBeVisible();

    await page.getByRole("button", { name: `Disable ${rx.url}` }).click();
    await expect(page.getByRole("button", { name: `Enable ${rx.url}` })).toBeVisible();
    await page.reload();
    await page.getByRole("button", { name: `Enable ${rx.url}` }).click();
    await expect(page.getByRole("button", { name: `Disable ${rx.url}` })).toBeVisible();

    // Something happens (a new partner), the jobs deliver it; Replay sends the same message again.
    await newPartner(request, "Hooked");
    await expect.poll(() => rx.got.length, { timeout: 45_000, intervals: [1000] }).toBeGreaterThan(0);
    const deliveries = page.getByRole("table", { name: "Webhook deliveries" });
    await expect(async () => {
      await page.reload();
      await expect(deliveries.getByRole("row").filter({ hasText: rx.url }).first()).toContainText(/succeeded/i, {
        timeout: 1000,
      });
    }).toPass({ timeout: 30_000 });
    const row = deliveries
      .getByRole("row")
      .filter({ hasText: rx.url })
      .filter({ hasText: /succeeded/i })
      .first();
    // The event may have produced more than one message, and the table lists the newest first, so
    // the replayed row is not necessarily the first message received: look for any id seen again.
    const before = rx.got.length;
    const seen = new Set(rx.got.map((m) => m.headers["webhook-id"]));
    await row.getByRole("button", { name: "Replay" }).click();
    await expect(row.getByText("Queued")).toBeVisible();
    await expect
      .poll(() => rx.got.slice(before).filter((m) => seen.has(m.headers["webhook-id"])).length, {
        timeout: 45_000,
        intervals: [1000],
      })
      .toBeGreaterThanOrEqual(1);

    page.once("dialog", (d) => d.accept());
    await page.getByRole("button", { name: `Delete ${rx.url}` }).click();
    await expect(page.getByRole("button", { name: `Delete ${rx.url}` })).toHaveCount(0);
    await page.reload();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByText(rx.url)).toHaveCount(0);
  } finally {
    rx.close();
  }
});
