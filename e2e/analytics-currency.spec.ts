import { expect, test } from "./fixtures";
import { adminApi, ecbDate } from "./support";

// Analytics show amounts in the program currency at the day's rate, labelled as converted
// (docs/domain-rules.md#figures).

type Statistics = {
  currency: string;
  byStatus: Record<string, { count: number; amountCents: number }>;
  conversion: { label: string | null };
};

test("a EUR partner's approved reward appears on the analytics page in USD at the day's ECB rate, labelled as converted", async ({
  adminPage: admin,
  request,
}) => {
  const api = await adminApi(request);
  const today = new Date();
  const ecbDay = ecbDate(today);
  // The ECB's daily file: 1 EUR = 1.0523 USD today.
  await api.post("/api/v1/fx-rates", { csv: `Date, USD, \n${ecbDay}, 1.0523, \n` }, 200);

  const before = await api.get<Statistics>("/api/v1/rewards/statistics");
  expect(before.currency).toBe("USD");
  const stamp = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
  const partner = await api.post<{ id: string; currency: string }>("/api/v1/partners", {
    firstName: "Euro",
    lastName: `Analytics${stamp.slice(-4)}`,
    email: `euro.${stamp}@partners.test`,
    phone: `555${stamp.slice(-7)}`,
    currency: "EUR",
  });
  expect(partner.currency).toBe("EUR");
  const reward = await api.post<{ id: string; currency: string }>("/api/v1/rewards", {
    partnerId: partner.id,
    type: "BONUS",
    amountCents: 12_345,
    reason: "e2e analytics currency",
  });
  expect(reward.currency).toBe("EUR");
  await api.post(`/api/v1/rewards/${reward.id}/approve`, {}, 200);

  // €123.45 × 1.0523 = $129.906435 → $129.91, added to the approved USD figure of the same 30 days.
  const after = await api.get<Statistics>("/api/v1/rewards/statistics");
  expect(after.byStatus.APPROVED.amountCents).toBe(before.byStatus.APPROVED.amountCents + 12_991);
  expect(after.conversion.label).toContain("EUR amounts converted to USD");
  const expected = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(
    (before.byStatus.APPROVED.amountCents + 12_991) / 100,
  );

  await admin.goto("/admin");
  await expect(admin.getByRole("heading", { name: "Program analytics" })).toBeVisible();
  await expect(admin.getByTestId("fx-label")).toContainText("Amounts in USD.");
  await expect(admin.getByTestId("fx-label")).toContainText("EUR amounts converted to USD at daily ECB rates");
  const approved = admin
    .locator("dl > div")
    .filter({ has: admin.locator("dt", { hasText: /^Rewards approved$/ }) })
    .getByTestId("stat-value");
  await expect(approved).toHaveText(expected);
});
