import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import * as bulk from "@/app/api/v1/rewards/bulk-approve/route";
import * as list from "@/app/api/v1/rewards/route";
import { partnerCodes, partners, rewards } from "@/db/schema";
import { approvalQueueIds, listApprovalQueue, type QueueView } from "@/lib/rewards/approval-queue";
import type { Actor } from "@/lib/audit/actor";
import { bulkApproveRewards } from "@/lib/rewards/service";
import { futureDays, insertReferral, insertReward } from "../helpers/api-fixtures";
import { call, apiSuite, type TestPartner } from "../helpers/http";

const day = 86_400_000;
const ago = (d: number) => new Date(Date.now() - d * day);

/**
 * The approval queue, GET /rewards and bulk approve share one where-clause builder: for the same filter
 * the queue shows GET /rewards?status=CALCULATED (narrowed by the view's hold condition), and "approve
 * all matching" approves exactly the queue's rows.
 */
describe("approval queue agrees with GET /rewards and bulk approve", () => {
  const { t, admin, testPartners } = apiSuite({
    admin: true,
    partners: [{ email: "ann.lee@harbor.example" }, { email: "bob@ray.example" }],
  });
  const [ann, bob] = testPartners;
  let actor: Actor;
  beforeAll(async () => {
    actor = { type: "USER", id: admin.user.id, role: "ADMIN" };
    await t.db
      .update(partners)
      .set({ firstName: "Ann", lastName: "Lee", companyName: "Harbor Group" })
      .where(eq(partners.id, ann.partner.id));
    await t.db.update(partners).set({ firstName: "Bob", lastName: "Ray" }).where(eq(partners.id, bob.partner.id));
    // Ann's old code stays an alias of hers; none of her rewards' referrals carry it.
    await t.db.insert(partnerCodes).values({ partnerId: ann.partner.id, code: "OLDANN0001", isCurrent: false });
    const annRef = await insertReferral(t.db, { id: ann.partner.id, code: ann.code }, { status: "CONVERTED" });
    const bobRef = await insertReferral(t.db, { id: bob.partner.id, code: bob.code }, { status: "CONVERTED" });
    const mk = (p: TestPartner, d: number, values: Parameters<typeof insertReward>[2] = {}) =>
      insertReward(t.db, p.partner.id, { createdAt: ago(d), ...values });
    await mk(ann, 30, { referralId: annRef.id, type: "CONVERSION", reason: null });
    await mk(ann, 25, { type: "ADJUSTMENT", holdUntil: ago(1) });
    await mk(ann, 20, { holdUntil: futureDays(5) });
    await mk(ann, 15, { status: "APPROVED" });
    await mk(bob, 12, { referralId: bobRef.id, type: "CONVERSION", reason: null });
    await mk(bob, 10, { reason: "Harbor campaign bonus" });
    await mk(bob, 8, { type: "CLAWBACK", amountCents: -500, holdUntil: futureDays(3) });
    await mk(bob, 6, { status: "PENDING", amountCents: null });
    await mk(bob, 4, { status: "CANCELLED", cancelReason: "harbor duplicate" });
  });

  const filters: Record<string, string>[] = [
    {},
    { q: "harbor" },
    { q: "ANN.LEE@" },
    { q: "oldann" },
    { q: "ann lee" },
    { type: "adjustment" },
    { type: "bonus,Clawback" },
    { q: "harbor", type: "BONUS" },
  ];
  const withPartner = (f: Record<string, string>) => ({
    ...f,
    ...(f.partnerId === "BOB" ? { partnerId: bob.partner.id } : {}),
  });
  const cases = [...filters, { partnerId: "BOB" }, { partnerId: "BOB", q: "harbor" }];
  const holdMatches = (view: QueueView, holdUntil: string | null) => {
    const held = holdUntil !== null && Date.parse(holdUntil) > Date.now();
    return view === "all" || (view === "held") === held;
  };

  async function apiRows(filter: Record<string, string>): Promise<{ id: string; holdUntil: string | null }[]> {
    const res = await call(list.GET, "GET /api/v1/rewards", {
      headers: admin.headers,
      query: { ...filter, status: "CALCULATED", sort: "createdAt", pageSize: 100 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.data;
  }
  const queueIds = async (view: QueueView, filter: Record<string, string>) =>
    (await listApprovalQueue(t.db, { ...filter, view, pageSize: 100 })).data.map((r) => r.id);
  const calculated = async () =>
    new Set(
      (await t.db.select({ id: rewards.id }).from(rewards).where(eq(rewards.status, "CALCULATED"))).map((r) => r.id),
    );
  /** Puts approved rewards back so every case starts from the fixture. */
  const undo = (ids: string[]) =>
    ids.length
      ? t.db
          .update(rewards)
          .set({ status: "CALCULATED", approvedAt: null, approvedBy: null, approvalOverrideReason: null })
          .where(inArray(rewards.id, ids))
      : undefined;

  describe.each<QueueView>(["due", "held", "all"])("view %s", (view) => {
    it.each(cases)("shows GET /rewards' CALCULATED rows for %j", async (raw) => {
      const filter = withPartner(raw);
      const expected = (await apiRows(filter)).filter((r) => holdMatches(view, r.holdUntil)).map((r) => r.id);
      const shown = await queueIds(view, filter);
      expect(shown).toEqual(expected);
      expect(await approvalQueueIds(t.db, { ...filter, view })).toEqual(shown);
    });

    it.each(cases)("approve all matching %j approves exactly the queue's rows", async (raw) => {
      const filter = withPartner(raw);
      const shown = await queueIds(view, filter);
      const before = await calculated();
      // What the queue's "Approve all" runs: the matching ids, then bulk approval of those ids (override off the due view).
      const ids = await approvalQueueIds(t.db, { ...filter, view });
      if (ids.length)
        await bulkApproveRewards(
          t.db,
          { rewardIds: ids },
          view === "due" ? {} : { override: true, reason: "test" },
          actor,
        );
      const after = await calculated();
      const changed = [...before].filter((id) => !after.has(id));
      expect(changed.sort()).toEqual([...shown].sort());
      await undo(changed);
    });
  });

  it.each(cases)(
    "bulk-approve with the due queue's filter (status CALCULATED) approves exactly the queue's rows: %j",
    async (raw) => {
      const filter = withPartner(raw);
      const shown = await queueIds("due", filter);
      const before = await calculated();
      const res = await call(bulk.POST, "POST /api/v1/rewards/bulk-approve", {
        headers: admin.headers,
        body: { filter: { ...filter, status: "CALCULATED" } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const after = await calculated();
      const changed = [...before].filter((id) => !after.has(id));
      expect(changed.sort()).toEqual([...shown].sort());
      expect(res.body.approved).toBe(shown.length);
      await undo(changed);
    },
  );

  it("the fixture exercises the new q columns", async () => {
    expect(await queueIds("all", { q: "ann.lee@" })).toHaveLength(3);
    expect(await queueIds("all", { q: "oldann0001" })).toHaveLength(3);
    expect((await queueIds("all", { q: "harbor" })).length).toBe(4);
  });
});
