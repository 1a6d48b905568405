import { expect, test } from "./fixtures";
import { adminApi, signUpPartner, submitReferral } from "./support";

/**
 * Goals and badges on the partner dashboard: a partner on a plan with a tier and two bonuses converts once;
 * after the admin runs the tier and bonus jobs on /admin/jobs, the dashboard shows each goal's progress
 * bar and the badges earned (first referral, first conversion, the tier reached), Earnings the bonus, and
 * the admin's approval queue each reward's explanation.
 */
test("the partner dashboard shows goals with progress bars and the badges earned", async ({
  adminPage: admin,
  browser,
  request,
}) => {
  test.setTimeout(180_000);
  const planner = await signUpPartner(browser, test.info().project.use.baseURL, "Goals");
  const api = await adminApi(request);
  const { data } = await api.get<{ data: { id: string }[] }>(`/api/v1/partners?q=${encodeURIComponent(planner.email)}`);
  const partnerId = data[0].id;
  await api.post(`/api/v1/partners/${partnerId}/status`, { status: "ACTIVE" }, 200);
  const plan = await api.post<{ id: string }>("/api/v1/commission-plans", {
    name: `Goal plan ${Date.now()}`,
    currency: "USD",
    rules: [{ event: "CONVERSION", rateBps: 1000 }],
    tierBasis: { metric: "CONVERSIONS", window: 90 },
    tiers: [{ name: "Gold", threshold: 1, rateBps: 1200 }],
    bonuses: [
      { name: "Three a month", kind: "MONTHLY_CONVERSIONS", target: 3, flatCents: 25_000 },
      { name: "Welcome bonus", kind: "FIRST_CONVERSION", flatCents: 5_000 },
    ],
  });
  await api.patch(`/api/v1/partners/${partnerId}`, { commissionPlanId: plan.id });

  const page = planner.page;
  const referralId = await submitReferral(page, "Goalauto", "AUTO");
  await api.post(`/api/v1/referrals/${referralId}/process-conversion`, { conversionValue: "1000.00" }, 201);

  await page.goto("/portal");
  const goals = page.getByRole("list", { name: "Your goals" });
  await expect(goals.getByRole("progressbar", { name: "Three a month" })).toHaveAttribute("aria-valuenow", "1");
  await expect(goals.getByRole("progressbar", { name: "Three a month" })).toHaveAttribute("aria-valuetext", "1 of 3");
  await expect(goals.getByRole("progressbar", { name: "Welcome bonus" })).toHaveAttribute("aria-valuenow", "1");
  await expect(goals).toContainText("$50.00 for your first conversion (1 of 1) — reached");
  const badges = page.getByRole("list", { name: "Your badges" });
  await expect(badges).toContainText("First referral");
  await expect(badges).toContainText("First conversion");

  // The admin runs the daily tier job and the bonus job now; the scheduler picks them up within a tick.
  await admin.goto("/admin/jobs");
  for (const job of ["tier-changes", "award-bonuses"]) {
    await admin.getByRole("button", { name: `Run now ${job}` }).click();
    await expect(admin.getByTestId(`job-${job}`)).toContainText("Due now");
  }
  await expect(async () => {
    await page.goto("/portal");
    await expect(page.getByRole("list", { name: "Your badges" })).toContainText("Gold tier reached", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole("region", { name: "Your goals" })).toContainText("Gold tier.");

  await expect(async () => {
    await page.goto("/portal/earnings");
    await expect(page.getByRole("table", { name: "Your rewards" })).toContainText(
      'Bonus "Welcome bonus": first conversion = $50.00',
      { timeout: 1000 },
    );
  }).toPass({ timeout: 30_000 });

  // The admin's approval queue says why each reward is what it is.
  await admin.goto(`/admin/rewards?view=all&partnerId=${partnerId}`);
  const why = admin.getByTestId("reward-explanation");
  await expect(why).toHaveText([
    "10 % of $1,000.00 first-year premium (Auto) = $100.00",
    'Bonus "Welcome bonus": first conversion = $50.00',
  ]);
  await planner.context.close();
});
