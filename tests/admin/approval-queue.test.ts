import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { partnerCodes, partners, referrals, rewards } from "@/db/schema";
import { approvalQueueIds, listApprovalQueue } from "@/lib/rewards/approval-queue";
import { dbSuite } from "../helpers/db";
import { ANN } from "./fixtures";

const day = 86_400_000;
const now = new Date("2026-03-01T12:00:00Z");
const ago = (d: number) => new Date(now.getTime() - d * day);

describe("reward approval queue", () => {
  const t = dbSuite();
  let ann: string;
  let bob: string;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    [ann, bob] = (
      await t.db
        .insert(partners)
        .values([
          { ...ANN, status: "ACTIVE" },
          { firstName: "Bob", lastName: "Ray", email: "bob@example.com", status: "ACTIVE" },
        ])
        .returning()
    ).map((p) => p.id);
    await t.db.insert(partnerCodes).values([
      { partnerId: ann, code: "ANNLEE0001", isCurrent: false },
      { partnerId: ann, code: "ANNLEE0002" },
      { partnerId: bob, code: "BOBRAY0001" },
    ]);
    const mk = async (
      key: string,
      partnerId: string,
      createdDaysAgo: number,
      status: "CALCULATED" | "APPROVED" | "PENDING",
      hold: number | null,
      amount: number | null,
    ) => {
      const [r] = await t.db
        .insert(referrals)
        .values({
          partnerId,
          referralCode: partnerId === ann ? "ANNLEE0002" : "BOBRAY0001",
          status: "CONVERTED",
          expiresAt: now,
          createdAt: ago(createdDaysAgo + 1),
        })
        .returning();
      const [w] = await t.db
        .insert(rewards)
        .values({
          partnerId,
          referralId: r.id,
          amountCents: amount,
          status,
          rateBps: 1000,
          baseCents: amount === null ? null : amount * 10,
          holdUntil: hold === null ? null : new Date(now.getTime() + hold * day),
          createdAt: ago(createdDaysAgo),
        })
        .returning();
      ids[key] = w.id;
    };
    await mk("annOld", ann, 30, "CALCULATED", -5, 1000);
    await mk("annNoHold", ann, 20, "CALCULATED", null, 2500);
    await mk("annHeld", ann, 3, "CALCULATED", 10, 7000);
    await mk("bobDue", bob, 10, "CALCULATED", 0, 1234);
    await mk("bobApproved", bob, 40, "APPROVED", -20, 9999);
    await mk("bobPending", bob, 5, "PENDING", null, null);
  });

  it("lists due rewards oldest first with partner and referral, and totals everything matching", async () => {
    const res = await listApprovalQueue(t.db, {}, now);
    expect(res.data.map((r) => r.id)).toEqual([ids.annOld, ids.annNoHold, ids.bobDue]);
    expect(res.data[0]).toMatchObject({
      partnerName: "Ann Lee",
      partnerCompany: "Harbor Group",
      referralCode: "ANNLEE0002",
      amountCents: 1000,
      held: false,
    });
    expect(res.summary).toEqual({ count: 3, amountCents: 1000 + 2500 + 1234 });
    expect(res.pagination.total).toBe(3);
  });

  it("shows held rewards with their hold-until apart, and all together", async () => {
    const held = await listApprovalQueue(t.db, { view: "held" }, now);
    expect(held.data.map((r) => r.id)).toEqual([ids.annHeld]);
    expect(held.data[0].held).toBe(true);
    expect(held.data[0].holdUntil?.toISOString()).toBe(new Date(now.getTime() + 10 * day).toISOString());
    const all = await listApprovalQueue(t.db, { view: "all" }, now);
    expect(all.data.map((r) => r.id)).toEqual([ids.annOld, ids.annNoHold, ids.bobDue, ids.annHeld]);
  });

  it.each<[Record<string, string>, string[]]>([
    [{ partnerId: "BOB" }, ["bobDue"]],
    [{ q: "harbor" }, ["annOld", "annNoHold"]],
    [{ q: "ann lee" }, ["annOld", "annNoHold"]],
    [{ q: "annlee0001" }, ["annOld", "annNoHold"]],
    [{ q: "%" }, []],
    [{ from: "2026-02-15" }, ["bobDue"]],
    [{ to: "2026-02-09" }, ["annOld", "annNoHold"]],
  ])("filters %j", async (filter, keys) => {
    const f = { ...filter, ...(filter.partnerId ? { partnerId: bob } : {}) };
    const res = await listApprovalQueue(t.db, f, now);
    expect(res.data.map((r) => r.id)).toEqual(keys.map((k) => ids[k]));
  });

  it("pages and gives every matching id for approve-all", async () => {
    const p2 = await listApprovalQueue(t.db, { pageSize: 2, page: 2 }, now);
    expect(p2.data.map((r) => r.id)).toEqual([ids.bobDue]);
    expect(p2.summary.count).toBe(3);
    expect(await approvalQueueIds(t.db, { pageSize: 2, page: 2 }, 10_000, now)).toEqual([
      ids.annOld,
      ids.annNoHold,
      ids.bobDue,
    ]);
    expect(await approvalQueueIds(t.db, { q: "harbor" }, 1, now)).toEqual([ids.annOld]);
  });

  it("carries each reward's one-line explanation, else a manual reward's reason", async () => {
    const explanation = "10 % of $100.00 first-year premium (Auto) = $10.00";
    await t.db
      .update(rewards)
      .set({ calculation: { explanation } as never, reason: "not shown" })
      .where(eq(rewards.id, ids.annOld));
    await t.db.update(rewards).set({ reason: "Adjustment agreed by phone" }).where(eq(rewards.id, ids.bobDue));
    const res = await listApprovalQueue(t.db, {}, now);
    expect(res.data.map((r) => r.explanation)).toEqual([explanation, null, "Adjustment agreed by phone"]);
  });

  it.each([{ partnerId: "nope" }, { view: "late" }, { pageSize: 500 }, { extra: true }])("refuses %j", async (bad) => {
    await expect(listApprovalQueue(t.db, bad as never, now)).rejects.toThrow();
  });
});
