import { expect, signIn, test, covers } from "./fixtures";
import { signUpPartner } from "./support";

test("a partner changes the password on /account; only the new one signs in", async ({ browser }) => {
  covers("changePasswordAction");
  const baseURL = test.info().project.use.baseURL;
  // A partner of its own: changing the password signs out every other session of the account.
  const { email, password, context, page } = await signUpPartner(browser, baseURL, "Rotator");
  await page.goto("/account");
  await page.getByLabel("Current password").fill("not-the-password-1");
  await page.getByLabel("New password", { exact: true }).fill("rotated-password-2");
  await page.getByLabel("Repeat the new password").fill("rotated-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  // Refused: the field is marked (wait for the answer before typing again, the form resets on submit).
  await expect(page.getByLabel("Current password")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByText("Password changed.")).toHaveCount(0);

  await page.getByLabel("Current password").fill(password);
  await page.getByLabel("New password", { exact: true }).fill("rotated-password-2");
  await page.getByLabel("Repeat the new password").fill("rotated-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  // Accepted: no field is marked and the form is empty again (the success notice does not survive the re-render
  // that the new session cookie causes; the sign-ins below show what was stored).
  await expect(page.getByLabel("Current password")).toHaveValue("");
  await expect(page.getByLabel("Current password")).not.toHaveAttribute("aria-invalid", "true");
  await context.close();

  const fresh = await browser.newContext({ baseURL });
  const visitor = await fresh.newPage();
  await signIn(visitor, email, password);
  await expect(visitor.getByTestId("form-error")).toHaveText("Invalid e-mail or password.");
  await signIn(visitor, email, "rotated-password-2", "/portal");
  await fresh.close();
});
