import type { APIRequestContext, Page } from "@playwright/test";
import { apiToken, expect, test, covers } from "./fixtures";

/**
 * The console's money actions, clicked as an admin on the demo data: a lead's status change (a conversion
 * with a value, one without) and a referral's "Process conversion". Each checks what the page shows and what
 * the API then returns; the shared fixture fails them on any page error (a hydration mismatch turned these clicks
 * into no-ops).
 */

type Referral = {
  id: string;
  partnerId: string;
  status: string;
  leadId: string | null;
  conversionValueCents: number | null;
  lead?: { id: string; status: string } | null;
  rewards?: { status: string; amountCents: number | null; rateBps: number | null; baseCents: number | null }[];
};

async function api<T>(request: APIRequestContext, token: string, path: string): Promise<T> {
  const res = await request.get(path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as T;
}

/** Open demo referrals whose lead is still open, oldest first. */
async function openReferralsWithLead(request: APIRequestContext, token: string): Promise<Referral[]> {
  const page = await api<{ data: Referral[] }>(
    request,
    token,
    "/api/v1/referrals?status=PENDING,ACCEPTED&pageSize=100&sort=createdAt",
  );
  return page.data.filter((r) => r.lead && !["CONVERTED", "LOST"].includes(r.lead.status));
}

/** What the engine must store: the value times the partner's rate in basis points, half-to-even to the cent. */
function expectedReward(baseCents: number, rateBps: number): number {
  const num = BigInt(baseCents) * BigInt(rateBps);
  const q = num / 10_000n;
  const r = num % 10_000n;
  return Number(r * 2n > 10_000n || (r * 2n === 10_000n && q % 2n === 1n) ? q + 1n : q);
}

async function partnerRate(request: APIRequestContext, token: string, partnerId: string): Promise<number> {
  return (await api<{ commissionRateBps: number }>(request, token, `/api/v1/partners/${partnerId}`)).commissionRateBps;
}

async function confirm(page: Page, button: string) {
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: button }).click();
  await expect(dialog).toBeHidden();
}

test.describe("conversions in the admin console", () => {
  test.describe.configure({ mode: "serial" });
  let token: string;
  let candidates: Referral[];
  test.beforeAll(async ({ request }) => {
    token = await apiToken(request, "admin");
    candidates = await openReferralsWithLead(request, token);
    expect(candidates.length, "the demo has open referrals with open leads").toBeGreaterThanOrEqual(3);
  });

  test("a lead marked Converted with a value converts its referral and calculates the reward", async ({
    adminPage: page,
    request,
  }) => {
    covers("changeLeadStatusAction");
    const ref = candidates[0];
    await page.goto(`/admin/leads/${ref.leadId}`);
    const form = page.getByRole("form", { name: "Change the lead's status" });
    await form.getByLabel("New status").selectOption("CONVERTED");
    await form.getByLabel("Policy value (optional)").fill("1250.00");
    await form.getByRole("button", { name: "Change status" }).click();
    await confirm(page, "Change status");
    await expect(page.getByTestId("action-success")).toHaveText(/Lead is now Converted\./);
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Converted");
    await expect(page.getByRole("table", { name: "Referrals for this lead" })).toContainText("Converted");

    const stored = await api<Referral>(request, token, `/api/v1/referrals/${ref.id}`);
    expect(stored.status).toBe("CONVERTED");
    expect(stored.conversionValueCents).toBe(125_000);
    const rate = await partnerRate(request, token, stored.partnerId);
    expect(stored.rewards).toHaveLength(1);
    expect(stored.rewards![0]).toMatchObject({
      status: "CALCULATED",
      baseCents: 125_000,
      rateBps: rate,
      amountCents: expectedReward(125_000, rate),
    });
    const lead = await api<{ status: string; conversionValueCents: number }>(
      request,
      token,
      `/api/v1/leads/${ref.leadId}`,
    );
    expect(lead).toMatchObject({ status: "CONVERTED", conversionValueCents: 125_000 });
  });

  test("a lead marked Converted without a value leaves a pending reward", async ({ adminPage: page, request }) => {
    covers("changeLeadStatusAction");
    const ref = candidates[1];
    await page.goto(`/admin/leads/${ref.leadId}`);
    const form = page.getByRole("form", { name: "Change the lead's status" });
    await form.getByLabel("New status").selectOption("CONVERTED");
    await form.getByRole("button", { name: "Change status" }).click();
    await confirm(page, "Change status");
    await expect(page.getByTestId("action-success")).toHaveText(/Lead is now Converted\./);

    const stored = await api<Referral>(request, token, `/api/v1/referrals/${ref.id}`);
    expect(stored.status).toBe("CONVERTED");
    expect(stored.rewards?.map((w) => w.status)).toEqual(["PENDING"]);
    expect(stored.rewards![0].amountCents).toBeNull();
  });

  test("Process conversion on a referral shows and stores the reward", async ({ adminPage: page, request }) => {
    covers("convertAction");
    const ref = candidates[2];
    await page.goto(`/admin/referrals/${ref.id}`);
    await expect(page.getByText("No reward yet")).toBeVisible();
    const form = page.getByRole("form", { name: "Process the conversion" });
    await form.getByLabel(/Conversion value/).fill("1250.00");
    await form.getByRole("button", { name: "Process conversion" }).click();
    await confirm(page, "Process conversion");
    await expect(page.getByTestId("action-success")).toHaveText("Conversion recorded; reward calculated.");

    const stored = await api<Referral>(request, token, `/api/v1/referrals/${ref.id}`);
    expect(stored.status).toBe("CONVERTED");
    expect(stored.conversionValueCents).toBe(125_000);
    const rate = await partnerRate(request, token, stored.partnerId);
    const cents = expectedReward(125_000, rate);
    expect(stored.rewards).toEqual([
      expect.objectContaining({ status: "CALCULATED", baseCents: 125_000, rateBps: rate, amountCents: cents }),
    ]);
    const rewards = page.getByRole("table", { name: "Rewards of this referral" });
    await expect(rewards).toContainText("Calculated");
    const decimal = `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}` as `${number}`;
    const shown = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD" }).format(decimal);
    await expect(rewards).toContainText(shown);
    await expect(page.getByRole("heading", { level: 1 }).locator("..")).toContainText("Converted");
  });
});
