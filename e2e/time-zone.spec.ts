import type { Browser } from "@playwright/test";
import { expect, test } from "./fixtures";

/** A page of a new context signed in with `storageState` whose browser runs in `zone`. */
async function pageIn(browser: Browser, storageState: string, zone: string) {
  const context = await browser.newContext({
    storageState,
    baseURL: test.info().project.use.baseURL,
    timezoneId: zone,
  });
  return { context, page: await context.newPage() };
}

/** What a person in `zone` should read for the instant in a <time dateTime> attribute. */
function expected(iso: string, zone: string, mode: "date" | "datetime"): string {
  const options: Intl.DateTimeFormatOptions =
    mode === "date"
      ? { dateStyle: "medium", timeZone: zone }
      : {
          year: "numeric",
          month: "short",
          day: "numeric",
          hour: "numeric",
          minute: "2-digit",
          timeZone: zone,
          timeZoneName: "short",
        };
  return new Intl.DateTimeFormat("en-US", options).format(new Date(iso));
}

test("dates follow the viewer's time zone, name it, and the server renders the same text", async ({
  browser,
  adminState,
}) => {
  const zone = "America/New_York";
  const { context, page } = await pageIn(browser, adminState, zone);
  await page.goto("/admin/leads");
  await page.getByRole("table").locator("tbody").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/leads\/[\w-]+$/);

  // The first visit renders in UTC, reports the browser's zone and re-renders once in it.
  const created = page.locator("main time").first();
  await expect(created).toHaveText(/ (EST|EDT)$/);
  const iso = (await created.getAttribute("datetime"))!;
  await expect(created).toHaveText(expected(iso, zone, "datetime"));
  expect((await context.cookies()).find((c) => c.name === "tz")?.value).toBe(encodeURIComponent(zone));

  // From now on the server itself renders the viewer's zone: the HTML carries the same text.
  const html = await (await page.request.get(page.url())).text();
  expect(html).toContain(expected(iso, zone, "datetime"));
  expect(html).not.toContain(`${expected(iso, "UTC", "datetime")}<`);
  await context.close();
});

test("the partner's lists show dates in their zone, with the time and zone in the tooltip", async ({
  browser,
  partnerState,
}) => {
  const zone = "Asia/Tokyo";
  const { context, page } = await pageIn(browser, partnerState, zone);
  await page.goto("/portal/referrals");
  const first = page.getByRole("table").locator("tbody time").first();
  await expect(first).toHaveAttribute("title", /GMT\+9$/);
  const iso = (await first.getAttribute("datetime"))!;
  await expect(first).toHaveText(expected(iso, zone, "date"));
  await expect(first).toHaveAttribute("title", expected(iso, zone, "datetime"));
  await page.reload();
  await expect(first).toHaveText(expected(iso, zone, "date"));
  await context.close();
});
