import type { Page } from "@playwright/test";
import { apiToken, expect, test } from "./fixtures";

const LABELS = ["In review", "Approved", "On its way", "Paid", "Next payout"] as const;
const usd = (cents: number) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(cents / 100);

/** The balance cards' values by label, as the page shows them. */
async function balances(page: Page) {
  const grid = page.locator('dl[aria-label="Your balances, all time"]');
  const out: Record<string, string> = {};
  for (const label of LABELS) {
    const card = grid.locator("div").filter({ has: page.locator("dt", { hasText: new RegExp(`^${label}$`) }) });
    out[label] = (await card.locator("dd").first().innerText()).trim();
  }
  return out;
}

test("dashboard, Earnings and Payouts show the same balances in the same words", async ({
  partnerPage: page,
  request,
}) => {
  await page.goto("/portal");
  const dashboard = await balances(page);
  await page.goto("/portal/earnings");
  expect(await balances(page)).toEqual(dashboard);

  // What is stored: the demo partner's pending payout is "On its way", and not also "Approved".
  const headers = { authorization: `Bearer ${await apiToken(request, "partner")}` };
  const pending = (await (await request.get("/api/v1/payouts?status=PENDING", { headers })).json()) as {
    data: { amountCents: number }[];
  };
  expect(pending.data.length).toBeGreaterThan(0);
  const onItsWay = pending.data.reduce((s, p) => s + p.amountCents, 0);
  expect(dashboard["On its way"]).toBe(usd(onItsWay));
  const approved = (await (await request.get("/api/v1/rewards?status=APPROVED&pageSize=100", { headers })).json()) as {
    data: { amountCents: number; payoutId: string | null }[];
  };
  const free = approved.data.filter((r) => !r.payoutId).reduce((s, r) => s + r.amountCents, 0);
  expect(dashboard.Approved).toBe(usd(free));
  const calculated = (await (
    await request.get("/api/v1/rewards?status=PENDING,CALCULATED&pageSize=100", { headers })
  ).json()) as {
    data: { amountCents: number | null }[];
  };
  expect(dashboard["In review"]).toBe(usd(calculated.data.reduce((s, r) => s + (r.amountCents ?? 0), 0)));

  await page.goto("/portal/payouts");
  await expect(page.getByText(`On its way: a payout of ${usd(pending.data[0].amountCents)}`)).toBeVisible();
  await expect(page.getByRole("table").getByText("On its way").first()).toBeVisible();

  // "In review" on Earnings is the same rewards the card counts, and the filter names it so.
  await page.goto("/portal/earnings");
  await page.getByRole("link", { name: "In review" }).click();
  await expect(page).toHaveURL(/status=PENDING%2CCALCULATED|status=PENDING,CALCULATED/);
  await expect(page.getByLabel("Status")).toHaveValue("PENDING,CALCULATED");
  for (const badge of await page.getByRole("table").locator("tbody tr td:nth-child(5)").allInnerTexts())
    expect(badge).toMatch(/^In review/);
});
