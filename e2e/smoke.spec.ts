import { expect, test } from "./fixtures";

test("landing page says what the product is and links to log in and the quote form", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Refer people who need insurance");
  await expect(page.getByRole("link", { name: "Log in", exact: true })).toHaveAttribute("href", "/login");
  await expect(page.getByRole("link", { name: "Get an insurance quote" })).toHaveAttribute("href", "/quote");
});

test("health reports the embedded database", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ status: "ok", db: "pglite" });
  expect(typeof body.version).toBe("string");
});
