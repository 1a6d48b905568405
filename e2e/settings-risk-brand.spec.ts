import type { Page } from "@playwright/test";
import { covers, expect, test } from "./fixtures";
import { adminApi } from "./support";

/**
 * The settings form's fraud-review and e-mail brand groups, by clicking: what is saved is what the audit log
 * stored (the settings.updated event's `after`), and the form shows it after a reload. Each test puts the
 * defaults back, so later specs see the program as seeded.
 */

type Change = { after: Record<string, unknown> };

async function lastSettingsChange(page: Page): Promise<Change> {
  const api = await adminApi(page.request);
  const res = await api.get<{ data: Change[] }>("/api/v1/events?entityType=settings&action=settings.updated");
  return res.data[0];
}

async function save(page: Page, expected: string) {
  const form = page.getByRole("form", { name: "Program settings" });
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByText(expected)).toBeVisible();
}

test("fraud review settings: the hold threshold, velocity thresholds and a signal weight are saved", async ({
  adminPage: page,
}) => {
  covers("saveSettings");
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Program settings" });
  const fields = {
    "Hold threshold (score)": ["50", "65"],
    "Velocity: leads per IP": ["3", "6"],
    "Velocity: window (minutes)": ["60", "30"],
    "Weight: velocity": ["40", "45"],
    "Weight: shared identity": ["40", "35"],
    "Partner outliers: robust spreads above the median": ["3.5", "4.5"],
  };
  for (const [label, [was]] of Object.entries(fields)) await expect(form.getByLabel(label)).toHaveValue(was);

  // A bad value is named next to its field and nothing is saved.
  await form.getByLabel("Weight: velocity").fill("lots");
  await save(page, "Some settings are invalid");
  await expect(form.getByLabel("Weight: velocity")).toHaveAccessibleDescription(/Must be a whole number/);

  for (const [label, [, now]] of Object.entries(fields)) await form.getByLabel(label).fill(now);
  await save(page, "Saved 1 change.");
  expect((await lastSettingsChange(page)).after).toEqual({
    riskRules: expect.objectContaining({
      holdThreshold: 65,
      velocityMaxLeadsPerIp: 6,
      velocityWindowMinutes: 30,
      outlierMadFactor: 4.5,
      weights: expect.objectContaining({ VELOCITY: 45, SHARED_IDENTITY: 35, NO_CLICK: 20 }),
    }),
  });
  await page.reload();
  for (const [label, [, now]] of Object.entries(fields)) await expect(form.getByLabel(label)).toHaveValue(now);

  // Saving the same rules again changes nothing; the defaults back are one change.
  await save(page, "Nothing changed.");
  for (const [label, [was]] of Object.entries(fields)) await form.getByLabel(label).fill(was);
  await save(page, "Saved 1 change.");
  expect((await lastSettingsChange(page)).after).toMatchObject({
    riskRules: { holdThreshold: 50, velocityMaxLeadsPerIp: 3, weights: { VELOCITY: 40 } },
  });
});

test("e-mail brand: the logo URL and accent colour are saved", async ({ adminPage: page }) => {
  covers("saveSettings");
  await page.goto("/admin/settings");
  const form = page.getByRole("form", { name: "Program settings" });
  const logo = form.getByLabel(/^Logo URL/);
  const accent = form.getByLabel("Accent colour");
  const accentBefore = await accent.inputValue();
  await expect(logo).toHaveValue("");

  await logo.fill("http://cdn.example.com/logo.png");
  await accent.fill("teal");
  await save(page, "Some settings are invalid");
  await expect(logo).toHaveAccessibleDescription(/must be an https:\/\/ address/);
  await expect(accent).toHaveAccessibleDescription(/must be a hex colour/);

  await logo.fill("https://cdn.example.com/brand/logo.png");
  await accent.fill("#0F766E");
  await save(page, "Saved 2 changes.");
  expect((await lastSettingsChange(page)).after).toEqual({
    brandLogoUrl: "https://cdn.example.com/brand/logo.png",
    brandAccentColor: "#0f766e",
  });
  await page.reload();
  await expect(logo).toHaveValue("https://cdn.example.com/brand/logo.png");
  await expect(accent).toHaveValue("#0f766e");

  // Defaults back for later specs.
  await page.goto("/admin/settings");
  await logo.fill("");
  await accent.fill(accentBefore);
  await save(page, "Saved 2 changes.");
});
