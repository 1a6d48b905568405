import type { Page } from "@playwright/test";
import { apiToken, covers, DEMO, expect, test } from "./fixtures";
import { adminApi } from "./support";

/** The number in the bell's name ("Notifications, 3 unread"; none → 0). */
async function bellCount(page: Page): Promise<number> {
  const label = (await page.getByTestId("notification-bell").getAttribute("aria-label")) ?? "";
  return Number(label.match(/(\d+) unread/)?.[1] ?? 0);
}

/** Reloads until the bell shows more than `than`. */
async function bellRisesAbove(page: Page, than: number) {
  await expect(async () => {
    await page.reload();
    expect(await bellCount(page)).toBeGreaterThan(than);
  }).toPass({ timeout: 30_000 });
  return bellCount(page);
}

test("a partner's referral converts: the bell rises, the notification opens, one e-mail category is unsubscribed and stops", async ({
  page,
  partnerPage,
  adminPage,
  request,
}) => {
  covers("openNotificationAction", "markNotificationsReadAction", "unsubscribeAction", "saveEmailPreferencesAction");
  const api = await adminApi(request);
  const me = await (
    await request.get("/api/v1/partners/me", {
      headers: { authorization: `Bearer ${await apiToken(request, "partner")}` },
    })
  ).json();
  const stamp = Date.now();
  const convert = async (tag: string) => {
    const referral = await api.post<{ id: string }>("/api/v1/referrals", {
      partnerId: me.id,
      referralCode: me.referralCode,
      source: "EMAIL",
      lead: {
        firstName: "Bella",
        lastName: `Bell${tag}`,
        email: `bell-${tag}-${stamp}@example.com`,
        insuranceType: "auto",
        consent: { given: true, textVersion: "e2e" },
      },
    });
    await api.post(`/api/v1/referrals/${referral.id}/process-conversion`, { conversionValue: "120.00" }, 201);
    return referral.id;
  };

  await partnerPage.goto("/portal");
  const before = await bellCount(partnerPage);
  const referralId = await convert("a");
  const risen = await bellRisesAbove(partnerPage, before + 1);
  expect(risen).toBe(before + 2);

  // Open it from the bell: the inbox, then the entry, which leads to the referral.
  await partnerPage.getByTestId("notification-bell").click();
  await expect(partnerPage.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await partnerPage.getByRole("button", { name: "Open: Referral converted" }).first().click();
  await expect(partnerPage).toHaveURL(new RegExp(`/portal/referrals/${referralId}$`));
  await expect.poll(() => bellCount(partnerPage)).toBe(before + 1);
  await partnerPage.goto("/portal/notifications");
  await partnerPage.getByRole("button", { name: "Mark all read" }).click();
  await expect(partnerPage.getByTestId("action-success")).toContainText("read");
  await expect.poll(async () => (await partnerPage.reload(), bellCount(partnerPage))).toBe(0);

  // The captured e-mail's unsubscribe link, opened without signing in.
  const email = DEMO.partner.email;
  await adminPage.goto(`/admin/mail?to=${encodeURIComponent(email)}`);
  const converted = adminPage.getByRole("link", { name: "Your referral converted" });
  await expect(converted.first()).toBeVisible();
  const mailsBefore = await adminPage
    .getByRole("link", { name: /^(Your referral converted|New referral from your link)$/ })
    .count();
  await converted.first().click();
  const link = await adminPage
    .getByTestId("mail-text")
    .getByRole("link", { name: /\/unsubscribe\// })
    .getAttribute("href");
  await page.goto(new URL(link!).pathname);
  await expect(page.getByText("Stop e-mails about new and converted referrals?")).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe" }).click();
  await expect(page.getByTestId("action-success")).toContainText(
    "no longer get e-mails about new and converted referrals",
  );

  // That category stops: the next conversion reaches the inbox but writes no e-mail.
  await partnerPage.goto("/portal");
  await convert("b");
  await bellRisesAbove(partnerPage, 1);
  await adminPage.goto(`/admin/mail?to=${encodeURIComponent(email)}`);
  await expect(
    adminPage.getByRole("link", { name: /^(Your referral converted|New referral from your link)$/ }),
  ).toHaveCount(mailsBefore);

  // The choice shows in the portal; turning it back on is one tick.
  await partnerPage.goto("/portal/notifications");
  const box = partnerPage.getByLabel("New and converted referrals");
  await expect(box).not.toBeChecked();
  await box.check();
  await partnerPage.getByRole("button", { name: "Save e-mail choices" }).click();
  await expect(partnerPage.getByTestId("action-success")).toContainText("saved");
});

test("the console header has the bell too, and admins choose their own e-mails", async ({ adminPage }) => {
  await adminPage.goto("/admin");
  await expect(adminPage.getByTestId("notification-bell")).toBeVisible();
  await adminPage.getByTestId("notification-bell").click();
  await expect(adminPage.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(adminPage.getByLabel("New partner applications")).toBeChecked();
  await expect(adminPage.getByLabel("Daily digest")).toBeVisible();
});
