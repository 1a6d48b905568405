import fs from "node:fs";
import type { Page } from "@playwright/test";
import Papa from "papaparse";
import { DEMO, expect, signIn, test, covers } from "./fixtures";

/** Confirms the open dialog, typing a reason when it asks for one. */
async function confirmDialog(page: Page, button: string | RegExp, reason?: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  if (reason) await dialog.getByRole("textbox").fill(reason);
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

test.describe("admin console as the demo admin", () => {
  test.describe.configure({ mode: "serial" });
  let page: Page;
  test.beforeAll(async ({ browser, adminState }, info) => {
    const context = await browser.newContext({
      storageState: adminState,
      baseURL: info.project.use.baseURL,
      permissions: ["clipboard-read", "clipboard-write"],
    });
    page = await context.newPage();
  });
  test.afterAll(() => page.context().close());

  test("approve one reward, bulk-approve three, cancel one", async () => {
    covers("approveRewardAction", "bulkApproveAction", "cancelRewardAction", "createManualRewardAction");
    await page.goto("/admin/rewards");
    const rows = page.getByRole("table", { name: /awaiting approval/ }).locator("tbody tr");
    // The demo has approvable rewards; top up with manual bonuses so five are due.
    const manual = page.getByRole("form", { name: "Create a manual reward" });
    for (let n = await rows.count(); n < 5; n++) {
      await manual.getByLabel("Partner").selectOption({ index: 1 });
      await manual.getByLabel("Amount").fill("25.00");
      await manual.getByLabel("Reason").fill("e2e bonus");
      await manual.getByRole("button", { name: "Create manual reward" }).click();
      await expect(page.getByText("Manual reward created")).toBeVisible();
      await page.reload();
    }
    const before = await rows.count();
    await rows.first().getByRole("button", { name: "Approve" }).click();
    await confirmDialog(page, "Approve");
    await expect(page.getByText("Reward approved.")).toBeVisible();
    await expect(rows).toHaveCount(before - 1);

    for (let i = 0; i < 3; i++) await rows.nth(i).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Approve selected (3)" }).click();
    await confirmDialog(page, "Approve selected");
    await expect(page.getByTestId("bulk-summary")).toHaveText(/3 of 3 processed: 3 approved, 0 skipped/);
    // The approved rows leave the queue at once; the summary stays until dismissed.
    await expect(rows).toHaveCount(before - 4);
    await page.getByRole("button", { name: "Dismiss" }).click();

    await rows.first().getByRole("button", { name: "Cancel" }).click();
    await confirmDialog(page, "Cancel reward", "Duplicate of an earlier policy");
    await expect(page.getByText("Reward cancelled.")).toBeVisible();
    await expect(rows).toHaveCount(before - 5);
  });

  test("pay a batch and download its CSV", async () => {
    covers("createBatchAction", "markPaidAction");
    await page.goto("/admin/payouts");
    await page.getByLabel("Minimum amount per partner").fill("0.01");
    const create = page.getByRole("button", { name: /Create batch: [1-9]/ });
    await create.click();
    await expect(page.getByText(/Batch created: \d+ payouts/)).toBeVisible();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV for the bank" }).click(),
    ]);
    const csv = Papa.parse<Record<string, string>>(fs.readFileSync((await download.path())!, "utf8"), {
      header: true,
      skipEmptyLines: true,
    });
    expect(csv.data.length).toBeGreaterThan(0);
    expect(csv.data.every((r) => r.status === "PENDING" && /^\d+\.\d{2}$/.test(r.amount))).toBe(true);

    await page.getByRole("link", { name: "Record payments for this batch" }).click();
    await page.waitForURL(/batchId=/);
    await expect(page.getByText(/Showing batch/)).toBeVisible();
    const first = page.getByRole("form", { name: /Record payment for/ }).first();
    const txn = `E2E-${Date.now()}`;
    await first.getByPlaceholder("Transaction id").fill(txn);
    await first.getByRole("button", { name: "Mark paid" }).click();
    // Once paid, the row shows the transaction id instead of the form.
    await expect(page.getByRole("table", { name: /Payout history/ }).getByText(txn)).toBeVisible();
  });

  test("create a partner, copy the invitation, change its status, find it in the audit log", async () => {
    covers("createPartnerAction", "changeStatus");
    const email = `e2e.${Date.now()}@partners.test`;
    await page.goto("/admin/partners/new");
    await page.getByLabel("First name").fill("Erin");
    await page.getByLabel("Last name").fill("Testwood");
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Commission rate (%)").fill("12.5");
    await page.getByRole("button", { name: "Create partner" }).click();
    await expect(page.getByRole("heading", { name: /Partner created with code ERITES\d{4}/ })).toBeVisible();
    const link = await page.getByLabel("Invitation link").inputValue();
    expect(link).toMatch(/\/invite\/[\w-]+/);
    await page.getByRole("button", { name: "Copy invitation link" }).click();
    await expect(page.getByText("Copied")).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

    await page.getByRole("link", { name: "Open the partner" }).click();
    await expect(page.getByRole("heading", { name: "Erin Testwood" })).toBeVisible();
    await page.getByLabel("New status").selectOption("SUSPENDED");
    await page.getByRole("button", { name: "Change status" }).click();
    await confirmDialog(page, "Change status", "Licence under review");
    await expect(page.getByText("Status changed to Suspended.")).toBeVisible();

    await page.goto("/admin/audit");
    await page.getByLabel("Entity", { exact: true }).selectOption("partner");
    await page.getByLabel("Action").fill("partner.status_changed");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/entityType=partner/);
    const events = page.getByRole("table", { name: /Audit events/ }).locator("tbody tr");
    await expect(events.first()).toContainText("ACTIVE → SUSPENDED");
    for (const text of await events.allTextContents()) expect(text).toContain("partner.status_changed");
  });

  // Last in the group: by now the demo data plus the rewards approved and paid above are in the rollups.
  test("analytics renders the program's data", async () => {
    await page.goto("/admin");
    await expect(page.getByRole("heading", { name: "Program analytics" })).toBeVisible();
    const stat = async (label: string) =>
      Number(
        (
          await page
            .locator("dl > div")
            .filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) })
            .getByTestId("stat-value")
            .textContent()
        )?.replace(/[^\d.]/g, ""),
      );
    expect(await stat("Active partners")).toBeGreaterThan(0);
    expect((await stat("Rewards approved")) + (await stat("Rewards paid"))).toBeGreaterThan(0);
    await expect(page.locator(".recharts-surface").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: /Top partners by conversions/ })).toBeVisible();
    await page.getByRole("link", { name: "Last 90 days" }).click();
    await expect(page).toHaveURL(/interval=week/);
    await expect(page.getByRole("heading", { name: "Program analytics" })).toBeVisible();
  });
});

test("a partner who opens /admin is refused", async ({ page }) => {
  await signIn(page, DEMO.partner.email, DEMO.partner.password, DEMO.partner.home);
  const res = await page.goto("/admin");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Program analytics" })).toHaveCount(0);
  const rewards = await page.goto("/admin/rewards");
  expect(rewards?.status()).toBe(404);
});
