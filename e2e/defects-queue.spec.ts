import { apiToken, expect, test } from "./fixtures";

// A partner of its own with four due manual rewards, so the queue filtered to it is this test's alone.
const stamp = Date.now().toString(36);
const AMOUNTS = [1000, 2550, 4000, 12345];
const usd = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

test("approval queue: counts, totals, labels and notices follow what is left after each approval", async ({
  adminPage: page,
  request,
}) => {
  const token = await apiToken(request, "admin");
  const headers = { Authorization: `Bearer ${token}` };
  const created = await request.post("/api/v1/partners", {
    headers,
    data: { firstName: "Queue", lastName: `Tester${stamp}`, email: `queue-${stamp}@example.com` },
  });
  expect(created.status(), await created.text()).toBe(201);
  const partnerId = (await created.json()).id as string;
  for (const amountCents of AMOUNTS) {
    const res = await request.post("/api/v1/rewards", {
      headers,
      data: { partnerId, type: "BONUS", amountCents, reason: "Queue test" },
    });
    expect(res.status(), await res.text()).toBe(201);
  }

  await page.goto(`/admin/rewards?partnerId=${partnerId}`);
  const total = AMOUNTS.reduce((a, b) => a + b, 0);
  const bar = page.getByText(/matching rewards? totalling/);
  await expect(bar).toHaveText(`4 matching rewards totalling ${usd(total)}`);

  // A single approval first: its notice must not outlive the next action.
  const oldest = page.getByRole("row").filter({ hasText: usd(AMOUNTS[0]) });
  await oldest.getByRole("button", { name: "Approve", exact: true }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("action-success")).toHaveText("Reward approved.");
  await expect(bar).toHaveText(`3 matching rewards totalling ${usd(total - AMOUNTS[0])}`);

  // Approve two selected: the bar, both buttons and the summary follow.
  await page
    .getByRole("checkbox", { name: new RegExp(`Select reward of .*${usd(AMOUNTS[1]).replace("$", "\\$")}`) })
    .check();
  await page
    .getByRole("checkbox", { name: new RegExp(`Select reward of .*${usd(AMOUNTS[2]).replace("$", "\\$")}`) })
    .check();
  await page.getByRole("button", { name: "Approve selected (2)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve selected" }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText("2 of 2 processed: 2 approved, 0 skipped.");
  await expect(page.getByTestId("action-success")).toHaveCount(0);
  const left = AMOUNTS[3];
  await expect(bar).toHaveText(`1 matching reward totalling ${usd(left)}`);
  await expect(page.getByRole("button", { name: "Approve selected (0)" })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Approve all 1 matching" })).toBeEnabled();

  // Approve all: the total is what is left, the bar ends full, nothing stale stays.
  await page.getByRole("button", { name: "Approve all 1 matching" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve all" }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveText("1 of 1 processed: 1 approved, 0 skipped.");
  await expect(page.getByRole("heading", { name: "Bulk approval finished" })).toBeVisible();
  const progress = page.getByRole("progressbar", { name: "Bulk approval progress" });
  await expect(progress).toHaveAttribute("value", "1");
  await expect(progress).toHaveAttribute("max", "1");
  await expect(bar).toHaveText(`0 matching rewards totalling ${usd(0)}`);
  await expect(page.getByRole("button", { name: "Approve all 0 matching" })).toBeDisabled();
  await expect(page.getByText("Nothing to approve")).toBeVisible();

  // The stored result: all four approved.
  const list = await request.get(`/api/v1/rewards?partnerId=${partnerId}`, { headers });
  expect(list.status()).toBe(200);
  const { data } = await list.json();
  expect(data.map((r: { status: string }) => r.status).sort()).toEqual([
    "APPROVED",
    "APPROVED",
    "APPROVED",
    "APPROVED",
  ]);

  await page.getByRole("button", { name: "Dismiss" }).click();
  await expect(page.getByTestId("bulk-summary")).toHaveCount(0);
  await expect(bar).toHaveCount(0);
});
