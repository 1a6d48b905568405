import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getLead, leadReferrerName, listLeads } from "@/lib/leads/queries";
import { partnerPerformance } from "@/lib/partners/performance";
import { countApplications, getPartner, listPartners, partnerLogin } from "@/lib/partners/queries";
import { getPayout, listPayouts, payableByPartner } from "@/lib/payouts/queries";
import { getReferral, listReferrals } from "@/lib/referrals/queries";
import { listRewards } from "@/lib/rewards/queries";
import { dbSuite } from "../helpers/db";
import { seedProgram } from "./fixtures";

/** The admin pages' calls: the shared list layer in the admin scope. */
describe("admin list and detail queries", () => {
  const t = dbSuite();
  let s: Awaited<ReturnType<typeof seedProgram>>;
  beforeAll(async () => {
    s = await seedProgram(t);
  });

  describe("partners", () => {
    it.each<[Record<string, string>, string[]]>([
      [{}, ["Cat", "Bob", "Ann"]],
      [{ sort: "lastName" }, ["Cat", "Ann", "Bob"]],
      [{ status: "active,suspended", sort: "createdAt" }, ["Ann", "Bob"]],
      [{ q: "harbor" }, ["Ann"]],
      [{ q: "annlee0001" }, ["Ann"]],
      [{ q: "ray" }, ["Bob"]],
      [{ view: "applications" }, ["Cat"]],
    ])("lists %j", async (f, names) => {
      const res = await listPartners(t.db, {}, f);
      expect(res.data.map((p) => p.firstName)).toEqual(names);
      expect(res.pagination.total).toBe(names.length);
    });

    it("counts referrals and conversions and shows the current code", async () => {
      const [ann] = (await listPartners(t.db, {}, { q: "ann" })).data;
      expect(ann).toMatchObject({ referralCode: "ANNLEE0002", referralCount: 3, conversionCount: 2 });
      expect(await countApplications(t.db)).toBe(1);
    });

    it("refuses bad filters as validation errors naming the field", async () => {
      const e = await listPartners(t.db, {}, { status: "ASLEEP" }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).errors[0].path).toBe("status.0");
      await expect(listPartners(t.db, {}, { sort: "email" })).rejects.toBeInstanceOf(AppError);
    });

    it("gives a partner with codes (current first) and null for unknown or malformed ids", async () => {
      const p = await getPartner(t.db, {}, s.ann.id);
      expect(p?.codes.map((c) => c.code)).toEqual(["ANNLEE0002", "ANNLEE0001"]);
      expect(await partnerLogin(t.db, s.ann.id)).toBeNull();
      expect(await getPartner(t.db, {}, "00000000-0000-4000-8000-000000000000")).toBeNull();
      expect(await getPartner(t.db, {}, "nope")).toBeNull();
    });

    it("computes performance from the rows", async () => {
      const perf = await partnerPerformance(t.db, s.ann.id);
      expect(perf).toMatchObject({
        clicks: 2,
        referrals: 3,
        conversions: 2,
        // Reached ACCEPTED or beyond: the accepted one and both converted ones.
        accepted: 3,
        conversionValueCents: 170000,
      });
      expect(perf.earnings.paidCents).toBe(12000);
      expect(perf.conversionRate).toBeCloseTo(2 / 3);
      expect(perf.rewards.APPROVED).toEqual({ count: 2, amountCents: 7500 });
      expect(perf.rewards.PAID).toEqual({ count: 1, amountCents: 12000 });
    });
  });

  describe("referrals and leads", () => {
    it.each<[Record<string, string>, string[]]>([
      [{}, ["r4", "r3", "r2", "r1"]],
      [{ status: "paid,Converted" }, ["r4", "r1"]],
      [{ source: "email" }, ["r2"]],
      [{ q: "dana" }, ["r1"]],
      [{ q: "bob ray" }, ["r3"]],
      [{ sort: "-conversionValueCents", status: "PAID,CONVERTED" }, ["r1", "r4"]],
    ])("lists referrals %j", async (f, keys) => {
      const res = await listReferrals(t.db, {}, f);
      expect(res.data.map((r) => r.id)).toEqual(keys.map((k) => s.refs[k as keyof typeof s.refs].id));
    });

    it("lists by partner and by lead, and gives a referral's detail", async () => {
      expect((await listReferrals(t.db, {}, { partnerId: s.bob.id })).data).toHaveLength(1);
      expect((await listReferrals(t.db, {}, { leadId: s.leads.l1.id })).data[0].lead).toMatchObject({
        firstName: "Dana",
        lastName: "Fox",
      });
      const d = await getReferral(t.db, {}, s.refs.r1.id);
      expect(d?.lead?.email).toBe("dana@example.com");
      expect(d?.rewards.map((w) => w.amountCents)).toEqual([12000]);
    });

    it.each<[Record<string, string>, string[]]>([
      [{}, ["Fay", "Eli", "Dana"]],
      [{ status: "lost" }, ["Fay"]],
      [{ insuranceType: "AUTO,HOME" }, ["Eli", "Dana"]],
      [{ q: "555-987" }, ["Fay"]],
      [{ q: "CRM-9" }, ["Fay"]],
      [{ q: "eli@" }, ["Eli"]],
    ])("lists leads %j", async (f, names) => {
      expect((await listLeads(t.db, {}, f)).data.map((l) => l.firstName)).toEqual(names);
    });

    it("shows who referred a lead (never a rejected referral) and every consent record", async () => {
      const rows = (await listLeads(t.db, {}, {})).data;
      expect(Object.fromEntries(rows.map((l) => [l.firstName, leadReferrerName(l)]))).toEqual({
        Dana: "Ann Lee",
        Eli: "Ann Lee",
        Fay: null,
      });
      const d = await getLead(t.db, {}, s.leads.l1.id);
      expect(d?.consents.map((c) => c.textVersion)).toEqual(["v2", "v1"]);
      expect(d?.referrals).toHaveLength(1);
    });
  });

  describe("rewards and payouts", () => {
    it("lists rewards by status and partner", async () => {
      expect((await listRewards(t.db, {}, { status: "approved" })).data).toHaveLength(3);
      expect((await listRewards(t.db, {}, { partnerId: s.bob.id, status: "CANCELLED" })).data[0].cancelReason).toBe(
        "Duplicate",
      );
    });

    it("sums approved, unpaid rewards per partner against the minimum", async () => {
      const rows = await payableByPartner(t.db, 5000);
      expect(rows.map((r) => [r.partnerName, r.amountCents, r.rewardCount, r.eligible])).toEqual([
        ["Ann Lee", 7500, 2, true],
        ["Bob Ray", 1000, 1, false],
      ]);
    });

    it("lists payouts and gives the rewards a payout covered", async () => {
      const res = await listPayouts(t.db, {}, { status: "paid", paymentMethod: "paypal" });
      expect(res.data.map((p) => p.transactionId)).toEqual(["TXN-1"]);
      expect((await listPayouts(t.db, {}, { status: "FAILED" })).data).toEqual([]);
      const d = await getPayout(t.db, {}, s.payout.id);
      expect(d?.items.map((i) => i.rewardId)).toEqual([s.rewards.w1.id]);
    });
  });
});
