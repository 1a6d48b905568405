import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Method → colour, from the "Payouts by method" list swatches and from the payouts chart legend. */
async function methodColours(page: Page) {
  // The sections stream in: wait for the list before reading it.
  await expect(page.getByRole("region", { name: "Payouts by method" }).locator("dt").first()).toBeVisible();
  const list = await page
    .getByRole("region", { name: "Payouts by method" })
    .locator("dt")
    .evaluateAll((dts) =>
      dts.map((dt) => [dt.textContent?.trim() ?? "", getComputedStyle(dt.querySelector("span")!).backgroundColor]),
    );
  const legend = await page
    .getByRole("figure", { name: "Payouts by month" })
    .locator(".recharts-legend-item")
    .evaluateAll((items) =>
      items.map((li) => [
        li.textContent?.trim() ?? "",
        li.querySelector(".recharts-legend-icon, path, rect")?.getAttribute("fill") ?? "",
      ]),
    );
  return {
    list: Object.fromEntries(list) as Record<string, string>,
    legend: Object.fromEntries(legend) as Record<string, string>,
  };
}

test("analytics: fixed method colours, no “None” method, paid vs payouts explained, rewards on their own axis from zero", async ({
  adminPage: page,
}) => {
  const ranges = [
    { from: day(-364), to: day(0) },
    { from: day(-89), to: day(0) },
  ];
  const seen: Record<string, string> = {};
  const seenLegend: Record<string, string> = {};
  for (const r of ranges) {
    await page.goto(`/admin?from=${r.from}&to=${r.to}`);
    const { list, legend } = await methodColours(page);
    expect(Object.keys(list).length, `methods listed for ${r.from}–${r.to}`).toBeGreaterThan(0);
    for (const [method, colour] of Object.entries(list)) {
      expect(method).not.toMatch(/^none$/i);
      seen[method] ??= colour;
      expect(colour, `${method} keeps its colour`).toBe(seen[method]);
    }
    for (const [method, colour] of Object.entries(legend)) {
      expect(method).not.toMatch(/^none$/i);
      seenLegend[method] ??= colour;
      expect(colour, `${method} keeps its legend colour`).toBe(seenLegend[method]);
    }
    await expect(page.getByRole("region", { name: "Payouts by method" }).getByText(/^None$/)).toHaveCount(0);
    await expect(page.getByText("PayPal").first()).toBeVisible();
    await expect(page.getByText(/Paypal/)).toHaveCount(0);
  }
  expect(Object.keys(seen)).toContain("PayPal");

  await expect(page.getByTestId("paid-vs-payouts")).toContainText("Why “Rewards paid” and “Payouts” differ");

  // Rewards and conversion value are two charts, each with its own scale.
  const rewards = page.getByRole("figure", { name: "Reward amounts" });
  const value = page.getByRole("figure", { name: "Conversion value" });
  await expect(rewards.locator(".recharts-area")).toHaveCount(1);
  await expect(value.locator(".recharts-area")).toHaveCount(1);
  await expect(rewards.getByRole("columnheader")).toHaveText(["Date", "Rewards"]);
  await expect(value.getByRole("columnheader")).toHaveText(["Date", "Conversion value"]);

  // No tick below zero where every value is zero or more.
  for (const figure of [rewards, value, page.getByRole("figure", { name: "Payouts by month" })]) {
    const cells = await figure.locator("tbody td:not(:first-child)").allTextContents();
    const negative = cells.some((c) => /^[-−]/.test(c.trim()));
    const ticks = await figure
      .locator(".recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value")
      .allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    if (!negative) expect(ticks.filter((t) => /^[-−]/.test(t.trim()))).toEqual([]);
  }
});
