import { expect, test } from "./fixtures";

test("API reference: resources with summaries, a contents list of every operation by what it does, anchors that land", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/docs/api");
  const contents = page.getByRole("navigation", { name: "Contents" });
  const sections = page.getByRole("main").locator("section");
  const resources = await sections.count();
  expect(resources).toBeGreaterThanOrEqual(8);

  // Each resource: a heading in words and a summary; each operation: titled by what it does, not by its path.
  for (let i = 0; i < resources; i++) {
    const section = sections.nth(i);
    await expect(section.getByRole("heading", { level: 2 })).not.toHaveText(/^[a-z-]+$/);
    await expect(section.locator("> p").first()).not.toBeEmpty();
  }
  const titles = await page.getByRole("main").getByRole("heading", { level: 3 }).allTextContents();
  expect(titles.length).toBeGreaterThan(40);
  expect(titles.filter((t) => /^(GET|POST|PATCH|PUT|DELETE)?\s*\//i.test(t.trim()))).toEqual([]);
  // The contents list every operation under its resource.
  await expect(contents.locator("ol ol a")).toHaveCount(titles.length);

  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`/docs/api height at 1280 px: ${height} px, ${titles.length} operations in ${resources} resources`);
  // It was about 21,600 px for 65 operations (332 px each) with every entry open and titled by its path;
  // entries stay folded, so the page grows by well under half of that per operation as the API grows.
  expect(height / titles.length).toBeLessThan(166);

  await contents.getByRole("link", { name: "Rewards", exact: true }).click();
  await expect(page).toHaveURL(/#tag-rewards$/);
  await expect(page.getByRole("heading", { level: 2, name: "Rewards" })).toBeInViewport();
  await contents.getByRole("link", { name: "Exchange e-mail and password for a one-hour bearer token" }).click();
  const op = page.getByRole("article", { name: "Exchange e-mail and password for a one-hour bearer token" });
  await expect(op).toBeInViewport();
  await expect(op.getByText("/api/v1/auth/token")).toBeVisible();
  await op.getByText(/^Responses/).click();
  await expect(op.getByText(/^200/)).toBeVisible();
});
