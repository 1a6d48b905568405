import { expect, test, covers } from "./fixtures";
import { adminApi, signUpPartner, submitReferral } from "./support";

/**
 * Commission plans by clicking: the admin builds a plan (Auto 15 %, Life $150.00 flat, 5 % on everything
 * else) and assigns a partner; Auto, Life and Home conversions at 1,000.00 pay by those rules, and the
 * partner reads the explanations on Earnings and the plan on /portal/plan.
 */

test("an admin builds a plan and assigns it; conversions pay by its rules and the partner sees why", async ({
  adminPage: admin,
  browser,
  request,
}) => {
  covers("savePlanAction", "assignPlanAction", "convertAction");
  test.setTimeout(180_000);
  const baseURL = test.info().project.use.baseURL;
  const planner = await signUpPartner(browser, baseURL, "Planner");
  // Setup through the API: the sign-up waits for approval.
  const api = await adminApi(request);
  const { data } = await api.get<{ data: { id: string }[] }>(`/api/v1/partners?q=${encodeURIComponent(planner.email)}`);
  const partnerId = data[0].id;
  await api.post(`/api/v1/partners/${partnerId}/status`, { status: "ACTIVE" }, 200);

  // The plan, by clicking.
  const name = `Agency plan ${Date.now()}`;
  await admin.goto("/admin/plans");
  await admin.getByRole("link", { name: "New plan" }).click();
  await admin.getByLabel("Plan name").fill(name);
  await admin.getByLabel("Rule 1 rate (%)").fill("5");
  await admin.getByRole("button", { name: "Add a rule" }).click();
  await admin.getByLabel("Rule 2 name").fill("Auto");
  await admin.getByLabel("Rule 2 Auto").check();
  await admin.getByLabel("Rule 2 rate (%)").fill("15");
  await admin.getByRole("button", { name: "Add a rule" }).click();
  await admin.getByLabel("Rule 3 name").fill("Life");
  await admin.getByLabel("Rule 3 Life").check();
  await admin.getByLabel("Rule 3 flat amount").fill("150.00");
  const preview = admin.getByRole("status", { name: "Preview result" });
  await expect(preview).toHaveText("15 % of $1,000.00 first-year premium (Auto) = $150.00");
  await admin.getByLabel("Preview insurance type").selectOption("HOME");
  await expect(preview).toHaveText("5 % of $1,000.00 first-year premium (Home) = $50.00");
  await admin.getByRole("button", { name: "Create plan" }).click();
  await expect(admin).toHaveURL(/\/admin\/plans\/[0-9a-f-]{36}$/);
  await expect(admin.getByRole("heading", { level: 1 })).toHaveText(name);

  // Assign it on the partner page.
  await admin.goto(`/admin/partners/${partnerId}`);
  await admin.getByLabel("Plan", { exact: true }).selectOption({ label: name });
  await admin.getByRole("button", { name: "Assign plan" }).click();
  await expect(admin.getByText("Plan assigned.")).toBeVisible();

  // Three referrals from the partner, each converted at 1,000.00 by the admin.
  const expected: [string, string, string][] = [
    ["AUTO", "$150.00", "15 % of $1,000.00 first-year premium (Auto) = $150.00"],
    ["LIFE", "$150.00", "$150.00 flat (Life) = $150.00"],
    ["HOME", "$50.00", "5 % of $1,000.00 first-year premium (Home) = $50.00"],
  ];
  for (const [type, amount] of expected) {
    const id = await submitReferral(planner.page, `Pl${type.toLowerCase()}`, type);
    await admin.goto(`/admin/referrals/${id}`);
    const form = admin.getByRole("form", { name: "Process the conversion" });
    await form.getByLabel(/Conversion value/).fill("1000.00");
    await form.getByRole("button", { name: "Process conversion" }).click();
    const dialog = admin.getByRole("dialog", { name: "Record the conversion?" });
    await dialog.getByRole("button", { name: "Process conversion" }).click();
    await expect(admin.getByTestId("action-success")).toHaveText("Conversion recorded; reward calculated.");
    await expect(admin.getByText(amount).first()).toBeVisible();
  }

  // The partner sees each explanation on Earnings, and the plan on How you earn.
  const page = planner.page;
  await page.goto("/portal/earnings");
  const rows = page.getByRole("table", { name: "Your rewards" }).locator("tbody tr");
  for (const [, amount, explanation] of expected) {
    const row = rows.filter({ hasText: explanation });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(amount);
  }
  await page.getByRole("link", { name: "How you earn" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How you earn");
  await expect(page.getByText(`Your plan: ${name} (version 1).`)).toBeVisible();
  const rules = page.getByRole("list", { name: "Your plan's rules" });
  await expect(rules).toContainText("15 % of first-year premium on Auto policies sold");
  await expect(rules).toContainText("$150.00 flat on Life policies sold");
  await expect(page.getByRole("list", { name: "Your badges" })).toContainText("First conversion");
  await planner.context.close();
});
