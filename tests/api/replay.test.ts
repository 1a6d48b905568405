import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as convert from "@/app/api/v1/referrals/[id]/process-conversion/route";
import * as pay from "@/app/api/v1/rewards/[id]/process-payment/route";
import * as partners from "@/app/api/v1/partners/route";
import * as referrals from "@/app/api/v1/referrals/route";
import { partners as partnersTable, payouts, referrals as referralsTable, rewards } from "@/db/schema";
import { insertReferral, insertReward } from "../helpers/api-fixtures";
import { call, apiSuite } from "../helpers/http";

/**
 * Retries and races on the money paths, over HTTP: Idempotency-Key replays and mismatches on real
 * domain routes, and storms of identical requests (with and without a key) that must pay once.
 */
describe("REST API: idempotent retries and concurrent duplicates", () => {
  const { t, admin, testPartners } = apiSuite({ admin: true, partners: 1 });
  const [a] = testPartners;

  const withKey = (key: string) => ({ ...admin.headers, "idempotency-key": key });

  it("POST /partners with an Idempotency-Key: the retry replays the same partner, another body is 422", async () => {
    const body = { firstName: "Rita", lastName: "Moreno", email: "rita@example.com" };
    const first = await call(partners.POST, "POST /api/v1/partners", { headers: withKey("onboard-rita"), body });
    expect(first.status).toBe(201);
    const retry = await call(partners.POST, "POST /api/v1/partners", { headers: withKey("onboard-rita"), body });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body).toEqual(first.body);
    const changed = await call(partners.POST, "POST /api/v1/partners", {
      headers: withKey("onboard-rita"),
      body: { ...body, companyName: "Other" },
    });
    expect(changed.status).toBe(422);
    // Without the key the same body is a new request: the e-mail is taken.
    expect((await call(partners.POST, "POST /api/v1/partners", { headers: admin.headers, body })).status).toBe(409);
    expect(
      (await t.db.select({ n: count() }).from(partnersTable).where(eq(partnersTable.email, "rita@example.com")))[0].n,
    ).toBe(1);
  });

  it("a partner retrying POST /referrals with its key creates one referral", async () => {
    const body = { partnerId: a.partner.id, referralCode: a.code, source: "email" };
    const headers = { ...a.headers, "idempotency-key": "ref-1" };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => call(referrals.POST, "POST /api/v1/referrals", { headers, body })),
    );
    const statuses = results.map((r) => r.status);
    expect(
      statuses.every((s) => s === 201 || s === 409),
      statuses.join(","),
    ).toBe(true);
    const fresh = results.filter((r) => r.status === 201 && !r.headers.get("idempotent-replayed"));
    expect(fresh).toHaveLength(1);
    expect(results.filter((r) => r.status === 201).every((r) => r.body.id === fresh[0].body.id)).toBe(true);
    expect(
      (await t.db.select({ n: count() }).from(referralsTable).where(eq(referralsTable.partnerId, a.partner.id)))[0].n,
    ).toBe(1);
  });

  it("20 concurrent process-conversion calls without a key: one 201, the rest replay with 200, one reward", async () => {
    const r = await insertReferral(t.db, { id: a.partner.id, code: a.code }, { status: "ACCEPTED" });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        call(convert.POST, "POST /api/v1/referrals/[id]/process-conversion", {
          params: { id: r.id },
          headers: admin.headers,
          body: { conversionValue: 480.25 },
        }),
      ),
    );
    const statuses = results.map((x) => x.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    expect(new Set(results.map((x) => x.body.reward.id)).size).toBe(1);
    expect(await t.db.select().from(rewards).where(eq(rewards.referralId, r.id))).toHaveLength(1);
  });

  it("20 concurrent payments of one reward: paid once; other transaction ids conflict; with a key the retry replays", async () => {
    const w = await insertReward(t.db, a.partner.id, { status: "APPROVED", amountCents: 12_345 });
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(pay.POST, "POST /api/v1/rewards/[id]/process-payment", {
          params: { id: w.id },
          headers: admin.headers,
          body: { paymentMethod: "STRIPE", transactionId: i % 2 ? "ch_same" : `ch_${i}` },
        }),
      ),
    );
    const created = results.filter((x) => x.status === 201);
    expect(created).toHaveLength(1);
    expect(
      results.every((x) => [200, 201, 409].includes(x.status)),
      results.map((x) => x.status).join(","),
    ).toBe(true);
    const paidRows = await t.db.select().from(payouts).where(eq(payouts.partnerId, a.partner.id));
    expect(paidRows).toHaveLength(1);
    expect(paidRows[0]).toMatchObject({
      amountCents: 12_345,
      status: "PAID",
      transactionId: created[0].body.payout.transactionId,
    });

    const w2 = await insertReward(t.db, a.partner.id, { status: "APPROVED", amountCents: 500 });
    const body = { paymentMethod: "CHECK", transactionId: "CHK-77" };
    const first = await call(pay.POST, "POST /api/v1/rewards/[id]/process-payment", {
      params: { id: w2.id },
      headers: withKey("pay-w2"),
      body,
    });
    const retry = await call(pay.POST, "POST /api/v1/rewards/[id]/process-payment", {
      params: { id: w2.id },
      headers: withKey("pay-w2"),
      body,
    });
    expect([first.status, retry.status]).toEqual([201, 201]);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.body.payout.id).toBe(first.body.payout.id);
    const mismatch = await call(pay.POST, "POST /api/v1/rewards/[id]/process-payment", {
      params: { id: w2.id },
      headers: withKey("pay-w2"),
      body: { ...body, transactionId: "CHK-78" },
    });
    expect(mismatch.status).toBe(422);
    expect(await t.db.select().from(payouts).where(eq(payouts.transactionId, "CHK-78"))).toHaveLength(0);
  });
});
