import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createBatchAction } from "@/app/(admin)/admin/payouts/actions";
import * as payoutsApi from "@/app/api/v1/payouts/route";
import { partners, payoutItems, payouts, rewards } from "@/db/schema";
import { runWithSessionUser } from "@/tests/helpers/session";
import { payableByPartner } from "@/lib/payouts/queries";
import { insertReward } from "../helpers/api-fixtures";
import { call, apiSuite, type TestPartner } from "../helpers/http";

const PROGRAM_MINIMUM = 5000; // the settings' default

/**
 * The payout minimum is the batch's, else the partner's own, else the program's: the same in the
 * preview of /admin/payouts, its "Create batch" action and POST /api/v1/payouts.
 */
describe("a partner's own payout minimum", () => {
  const { t, admin } = apiSuite({ admin: true });
  let low: TestPartner; // own minimum 10.00, approved 20.00: paid under the program's 50.00
  let plain: TestPartner; // no own minimum, approved 20.00: waits for 50.00
  let high: TestPartner; // own minimum 100.00, approved 60.00: waits although above the program's
  beforeAll(async () => {
    low = await t.partner();
    plain = await t.partner();
    high = await t.partner();
    await t.db.update(partners).set({ minimumPayoutCents: 1000 }).where(eq(partners.id, low.partner.id));
    await t.db.update(partners).set({ minimumPayoutCents: 10_000 }).where(eq(partners.id, high.partner.id));
  });

  /** Fresh approved rewards for the three partners; earlier batches' payouts and rewards are removed. */
  async function approved() {
    await t.db.delete(payoutItems);
    await t.db.delete(rewards);
    await t.db.delete(payouts);
    await insertReward(t.db, low.partner.id, { status: "APPROVED", amountCents: 2000 });
    await insertReward(t.db, plain.partner.id, { status: "APPROVED", amountCents: 2000 });
    await insertReward(t.db, high.partner.id, { status: "APPROVED", amountCents: 6000 });
  }
  const all = () => [low, plain, high].map((p) => p.partner.id);
  const paidPartners = async () => (await t.db.select({ id: payouts.partnerId }).from(payouts)).map((r) => r.id).sort();

  it("the preview marks who a batch without a minimum of its own pays", async () => {
    await approved();
    const rows = await payableByPartner(t.db, PROGRAM_MINIMUM);
    const eligible = Object.fromEntries(rows.map((r) => [r.partnerId, r.eligible]));
    expect(eligible).toEqual({ [low.partner.id]: true, [plain.partner.id]: false, [high.partner.id]: false });
    expect(rows.find((r) => r.partnerId === low.partner.id)?.partnerMinimumCents).toBe(1000);
  });

  it("the /admin/payouts action with the minimum left blank applies each partner's own", async () => {
    await approved();
    const res = await runWithSessionUser(admin.user, () => createBatchAction(null, { partnerIds: all(), minimum: "" }));
    expect(res).toMatchObject({
      ok: true,
      data: { count: 1, totals: [{ currency: "USD", count: 1, amountCents: 2000 }] },
    });
    expect(await paidPartners()).toEqual([low.partner.id]);
  });

  it("a batch minimum typed into the form overrides every partner's own", async () => {
    await approved();
    const res = await runWithSessionUser(admin.user, () =>
      createBatchAction(null, { partnerIds: all(), minimum: "15.00" }),
    );
    expect(res).toMatchObject({ ok: true, data: { count: 3 } });
    expect(await paidPartners()).toEqual(all().sort());
  });

  it("POST /api/v1/payouts without minimumCents pays by the same rule", async () => {
    await approved();
    const res = await call(payoutsApi.POST, "POST /api/v1/payouts", { headers: admin.headers, body: {} });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.payouts.map((p: { partnerId: string }) => p.partnerId)).toEqual([low.partner.id]);
  });
});
