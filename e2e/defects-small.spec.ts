import fs from "node:fs";
import { expect, test } from "./fixtures";

const stamp = Date.now().toString(36);

test("every page has a favicon: the icon link answers with an SVG and nothing asks for a missing one", async ({
  page,
}) => {
  const missing: string[] = [];
  page.on("response", (r) => {
    if (r.status() === 404 && /icon/.test(new URL(r.url()).pathname)) missing.push(r.url());
  });
  await page.goto("/login");
  const icons = page.locator('link[rel="icon"]');
  await expect(icons).toHaveCount(1);
  const href = await icons.getAttribute("href");
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("image/svg+xml");
  await page.goto("/quote");
  expect(missing).toEqual([]);
  // A browser that asks for /favicon.ico before it has read the page is sent to the same icon.
  const ico = await page.request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toContain("image/svg+xml");
});

test("share page: links read decoded, and the QR code downloads as PNG and SVG", async ({ partnerPage: page }) => {
  await page.goto("/portal/share");
  const ready = page.getByRole("region", { name: "Ready links per insurance type" });
  await expect(ready.getByText(/\/r\/\w+\?to=\/quote\/auto$/)).toBeVisible();
  await expect(page.getByText("%2F")).toHaveCount(0);

  const main = page.getByRole("region", { name: "Your referral link" });
  const [png] = await Promise.all([
    page.waitForEvent("download"),
    main.getByRole("link", { name: "Download PNG" }).click(),
  ]);
  expect(png.suggestedFilename()).toBe("referral-qr-code.png");
  const pngBytes = fs.readFileSync((await png.path())!);
  expect(pngBytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const [svg] = await Promise.all([
    page.waitForEvent("download"),
    main.getByRole("link", { name: "Download SVG" }).click(),
  ]);
  expect(svg.suggestedFilename()).toBe("referral-qr-code.svg");
  expect(fs.readFileSync((await svg.path())!, "utf8")).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

  // The link builder shows its link readable too, and offers the same downloads for it.
  const builder = page.getByRole("region", { name: "Link builder" });
  await builder.getByLabel("Destination").selectOption("/quote/life");
  await builder.getByLabel("Sub id").fill("flyer 2");
  await expect(builder.getByLabel("Your tracked link")).toHaveValue(/\?to=\/quote\/life&sub=flyer%202$/);
  const [built] = await Promise.all([
    page.waitForEvent("download"),
    builder.getByRole("link", { name: "Download PNG" }).click(),
  ]);
  expect(built.suggestedFilename()).toBe("tracked-link-qr-code.png");
});

test("the decoded link still attributes the visit", async ({ page }) => {
  await page.goto("/r/DEMPAR0001?to=/quote/auto&sub=decoded");
  await expect(page).toHaveURL(/\/quote\/auto/);
  await expect(page.getByTestId("referred-by")).toContainText("Demo Partner");
});

test("API keys page sits in the console frame: one main landmark, an h1", async ({ adminPage: page }) => {
  await page.goto("/admin/settings/api-keys");
  await expect(page.getByRole("main")).toHaveCount(1);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API keys");
  await expect(page.getByRole("navigation", { name: "Admin" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create key" })).toBeVisible();
});

test("webhook filter chips are words, not codes", async ({ adminPage: page }) => {
  await page.goto("/admin/webhooks");
  const chips = page.getByRole("navigation", { name: "Filter deliveries by status" });
  await expect(chips.getByRole("link", { name: "Succeeded", exact: true })).toBeVisible();
  await expect(chips.getByRole("link", { name: "Abandoned", exact: true })).toBeVisible();
  await expect(chips.getByText(/^[A-Z_]{3,}$/)).toHaveCount(0);
  await chips.getByRole("link", { name: "Failed", exact: true }).click();
  await expect(page).toHaveURL(/status=FAILED/);
  await expect(chips.getByRole("link", { name: "Failed", exact: true })).toHaveAttribute("aria-current", "page");
});

test("approving an application confirms it above the list, after the row has left", async ({
  browser,
  adminPage: page,
}) => {
  const email = `applicant-${stamp}@example.com`;
  const context = await browser.newContext();
  const applicant = await context.newPage();
  await applicant.goto("/signup");
  await applicant.getByLabel("First name").fill("Ada");
  await applicant.getByLabel("Last name").fill(`Applicant${stamp}`);
  await applicant.getByLabel("E-mail").fill(email);
  await applicant.getByLabel("Password", { exact: true }).fill("applicant-password");
  await applicant.getByLabel("Repeat the password").fill("applicant-password");
  await applicant.getByRole("button", { name: "Create partner account" }).click();
  await expect(applicant.getByText("waiting for approval")).toBeVisible();
  await context.close();

  await page.goto(`/admin/partners?view=applications&q=${encodeURIComponent(email)}`);
  const row = page.getByRole("row").filter({ hasText: email });
  await row.getByRole("button", { name: "Approve" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve" }).click();
  await expect(page.getByTestId("action-success")).toHaveText(
    `Ada Applicant${stamp} approved: the partner is active and their code now earns referrals.`,
  );
  await expect(row).toHaveCount(0);
  await expect(page.getByText("No applications waiting")).toBeVisible();
  await expect(page.getByTestId("action-success")).toBeVisible();
});
