import { covers, expect, test } from "./fixtures";
import { signUpPartner } from "./support";

// The e2e server runs without SMTP_URL: nothing is sent, every message is kept at /admin/mail.

test("without a mail server /admin/mail keeps every message: list, HTML part and text part", async ({
  browser,
  baseURL,
  adminPage,
}) => {
  const { email, context } = await signUpPartner(browser, baseURL, "Catcher");
  await context.close();
  const subject = "We received your application";
  await expect(async () => {
    await adminPage.goto(`/admin/mail?to=${encodeURIComponent(email)}`);
    await expect(adminPage.getByRole("link", { name: subject })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(adminPage.getByRole("row").filter({ hasText: subject })).toContainText("Captured");
  await adminPage.getByRole("link", { name: subject }).click();
  await expect(adminPage.getByRole("heading", { level: 1, name: subject })).toBeVisible();
  // The HTML part in a sandboxed frame (read from its srcdoc: nothing may run inside the frame).
  const frame = adminPage.locator('iframe[title="The HTML part of the e-mail"]');
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute("srcdoc", /<h1[^>]*>Thanks for applying<\/h1>/);
  await expect(frame).toHaveAttribute("sandbox", "");
  expect(await frame.getAttribute("srcdoc")).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
  // Links are absolute: no public origin is configured here, so the local server's.
  await expect(adminPage.getByTestId("mail-text")).toContainText(/http:\/\/localhost:\d+\/portal/);

  // The admins' alert of the same sign-up.
  await adminPage.goto("/admin/mail");
  await expect(adminPage.getByRole("link", { name: "New partner application: Sam Catcher" }).first()).toBeVisible();
});

test("a password reset link goes out by e-mail and works from the captured message", async ({
  page,
  browser,
  baseURL,
  adminPage,
}) => {
  covers("forgotPasswordAction", "setPasswordAction");
  const { email, context } = await signUpPartner(browser, baseURL, "Resetter");
  await context.close();
  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill(email);
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("If an account exists for that e-mail")).toBeVisible();
  await expect(async () => {
    await adminPage.goto(`/admin/mail?to=${encodeURIComponent(email)}`);
    await expect(adminPage.getByRole("link", { name: "Reset your password" }).first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await adminPage.getByRole("link", { name: "Reset your password" }).first().click();
  const link = adminPage.getByTestId("mail-text").getByRole("link", { name: /\/reset-password\// });
  const url = new URL((await link.getAttribute("href"))!);
  await page.goto(url.pathname);
  await page.getByLabel("New password").fill("reset-by-mail-2");
  await page.getByLabel("Repeat the password").fill("reset-by-mail-2");
  await page.getByRole("button", { name: "Reset password and sign in" }).click();
  await expect(page).toHaveURL(/\/portal$/);
});
