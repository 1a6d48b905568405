import { expect, test } from "./fixtures";
import { enter, expectKept, option } from "./support";

// After a failed submission every entered value is still there, selects and checkboxes included,
// so a second submission only needs the field that was wrong.

const stamp = Date.now().toString(36);

test("quote form: a failed submit keeps the selects, the text and the consent; the second submit goes through", async ({
  page,
}) => {
  await page.goto("/quote");
  await page.getByLabel("Type of insurance", { exact: true }).selectOption("HOME");
  await page.getByLabel("Last name", { exact: true }).fill("Prospect");
  await page.getByLabel("E-mail", { exact: true }).fill(`kept-${stamp}@example.com`);
  await page.getByLabel(/^State/).selectOption("TX");
  await page.getByLabel(/^ZIP code/).fill("73301");
  await page.getByLabel(/^Anything we should know/).fill("Call after five.");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Get my quote" }).click();

  const firstName = page.getByLabel("First name", { exact: true });
  await expect(firstName).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Type of insurance", { exact: true })).toHaveValue("HOME");
  await expect(page.getByLabel(/^State/)).toHaveValue("TX");
  await expect(page.getByLabel("Last name", { exact: true })).toHaveValue("Prospect");
  await expect(page.getByLabel("E-mail", { exact: true })).toHaveValue(`kept-${stamp}@example.com`);
  await expect(page.getByLabel(/^ZIP code/)).toHaveValue("73301");
  await expect(page.getByLabel(/^Anything we should know/)).toHaveValue("Call after five.");
  await expect(page.getByRole("checkbox")).toBeChecked();

  await firstName.fill("Paula");
  await page.getByRole("button", { name: "Get my quote" }).click();
  await expect(page).toHaveURL(/\/quote\/thanks$/);
  // The prospect's way on is another quote, not the partner program's home page.
  const next = page.getByRole("link", { name: "Request a quote for another insurance" });
  await expect(next).toHaveAttribute("href", "/quote");
  await expect(page.getByRole("link", { name: /home page/i })).toHaveCount(0);
});

test("login: a wrong password keeps the e-mail", async ({ page }) => {
  await page.goto("/login");
  const email = `nobody-${stamp}@example.com`;
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("Invalid e-mail or password.");
  await expect(page.getByLabel("E-mail")).toHaveValue(email);
});

test("sign-up and forgot password: an invalid submission keeps what was typed", async ({ page }) => {
  await page.goto("/signup");
  const typed = {
    "First name": "Paula",
    "Last name": "Kept",
    "E-mail": "not-an-email",
    "Company (optional)": "Kept Brokers",
  };
  await enter(page, typed);
  await page.getByRole("button", { name: "Create partner account" }).click();
  await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
  await expectKept(page, typed);

  await page.goto("/forgot-password");
  await page.getByLabel("E-mail").fill("still-not-an-email");
  await page.getByRole("button", { name: "Send reset link" }).click();
  await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("still-not-an-email");
});

test("portal referral form: a failed submit keeps both selects and the text", async ({ partnerPage: page }) => {
  await page.goto("/portal/referrals/new");
  await page.getByLabel("Last name").fill("Kept");
  await page.getByLabel("Insurance", { exact: true }).selectOption("LIFE");
  await page.getByLabel("How did you meet?").selectOption({ index: 1 });
  const source = await page.getByLabel("How did you meet?").inputValue();
  await page.getByLabel("Notes for our agents").fill("Mornings only.");
  await page.getByRole("button", { name: "Submit referral" }).click();
  await expect(page.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Insurance", { exact: true })).toHaveValue("LIFE");
  await expect(page.getByLabel("How did you meet?")).toHaveValue(source);
  await expect(page.getByLabel("Last name")).toHaveValue("Kept");
  await expect(page.getByLabel("Notes for our agents")).toHaveValue("Mornings only.");
});

test("admin manual reward: a failed submit keeps the partner and the type", async ({ adminPage: page }) => {
  await page.goto("/admin/rewards");
  const form = page.getByRole("form", { name: "Create a manual reward" });
  await form.getByLabel("Partner").selectOption({ index: 1 });
  const partner = await form.getByLabel("Partner").inputValue();
  await form.getByLabel("Type").selectOption("ADJUSTMENT");
  await form.getByLabel("Reason").fill("Kept reason");
  await form.getByRole("button", { name: "Create manual reward" }).click();
  await expect(form.getByLabel("Amount")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Partner")).toHaveValue(partner);
  await expect(form.getByLabel("Type")).toHaveValue("ADJUSTMENT");
  await expect(form.getByLabel("Reason")).toHaveValue("Kept reason");
});

test("portal profile: a failed save keeps the payout method and the edits", async ({ partnerPage: page }) => {
  await page.goto("/portal/profile");
  await enter(page, { "First name": "", Company: "Kept Company", "Payout method": option("PAYPAL") });
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByLabel("First name")).toHaveAttribute("aria-invalid", "true");
  await expectKept(page, { Company: "Kept Company", "Payout method": "PAYPAL" });
  await expect(page.getByLabel("Payout method").locator("option:checked")).toHaveText("PayPal");
});

test("admin new partner: a failed create keeps the typed fields and the payout method", async ({ adminPage: page }) => {
  await page.goto("/admin/partners/new");
  const form = page.getByRole("form", { name: "New partner" });
  const kept = { "First name": "Kept", "E-mail": "not-an-email", "Company (optional)": "Kept Agency" };
  await enter(form, { ...kept, "Last name": "Partner", "Payout method (optional)": option("PAYPAL") });
  await form.getByRole("button", { name: "Create partner" }).click();
  await expect(form.getByLabel("E-mail")).toHaveAttribute("aria-invalid", "true");
  await expectKept(form, { ...kept, "Payout method (optional)": "PAYPAL" });
});
