import { beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { getLead, listLeads } from "@/lib/leads/queries";
import { maskEmail, maskLead, maskPhone } from "@/lib/leads/mask";
import { getPartner, listPartners } from "@/lib/partners/queries";
import { getPayout, listPayouts, payoutsForExport } from "@/lib/payouts/queries";
import { parseListSafe } from "@/lib/query/list";
import { referralListSchema } from "@/lib/referrals/queries";
import { getReward, listRewards, rewardTotals } from "@/lib/rewards/queries";
import { dbSuite } from "./helpers/db";
import { seedListFixture, type ListFixture } from "./helpers/list-fixtures";

const t = dbSuite();
let f: ListFixture;
beforeAll(async () => {
  f = await seedListFixture(t.db);
});

describe("masking", () => {
  it.each([
    ["john@example.com", "j***@example.com"],
    ["Émile.x@sub.example.org", "É***@sub.example.org"],
    ["broken", "***"],
    [null, null],
  ])("maskEmail(%s) = %s", (input, out) => expect(maskEmail(input)).toBe(out));

  it.each([
    ["1234567890", "***-***-7890"],
    ["+1 (555) 010-4242", "***-***-4242"],
    ["12", "***-***-****"],
  ])("maskPhone(%s) = %s", (input, out) => expect(maskPhone(input)).toBe(out));

  it("keeps the first name and the last initial", () => {
    expect(maskLead({ firstName: "John", lastName: "doe", email: null, phone: null })).toEqual({
      firstName: "John",
      lastName: "D.",
      email: null,
      phone: null,
    });
  });
});

describe("rewards", () => {
  it("lists only the scope's rewards, filters by status and sorts by amount", async () => {
    const b = await listRewards(t.db, { partnerId: f.b });
    expect(b.data.map((r) => r.amountCents)).toEqual([9900]);
    const a = await listRewards(t.db, { partnerId: f.a }, { status: "paid,approved", sort: "-amountCents" });
    expect(a.data.map((r) => r.amountCents)).toEqual([20000, 10000, 7000]);
    expect(a.data[0].referralCode).toBe("ALIARC0001");
    expect(await getReward(t.db, { partnerId: f.b }, f.aRewards[0])).toBeNull();
    expect((await getReward(t.db, { partnerId: f.a }, f.aRewards[4]))?.cancelReason).toBe(
      "Policy cancelled within 30 days",
    );
  });

  it("totals per status match the rows", async () => {
    const totals = await rewardTotals(t.db, { partnerId: f.a });
    expect(totals.PAID).toEqual({ count: 2, amountCents: 30000 });
    expect(totals.CALCULATED).toEqual({ count: 1, amountCents: 5000 });
    expect(totals.APPROVED).toEqual({ count: 1, amountCents: 7000 });
    expect(totals.CANCELLED).toEqual({ count: 1, amountCents: 3000 });
    expect(totals.PENDING).toEqual({ count: 0, amountCents: 0 });
    expect((await rewardTotals(t.db, {})).APPROVED.count).toBe(2);
  });

  it("pages by cursor over a nullable sort (holdUntil)", async () => {
    const first = await listRewards(t.db, {}, { sort: "holdUntil", pageSize: 4 });
    const rest = await listRewards(t.db, {}, { sort: "holdUntil", pageSize: 4, cursor: first.pagination.nextCursor! });
    const ids = [...first.data, ...rest.data].map((r) => r.id);
    expect(new Set(ids).size).toBe(6);
    expect(rest.pagination.nextCursor).toBeNull();
  });
});

describe("payouts", () => {
  it("lists with the rewards covered, scoped; export returns every row", async () => {
    const a = await listPayouts(t.db, { partnerId: f.a });
    expect(a.data.map((p) => p.transactionId)).toEqual(["TXN-A-1"]);
    expect((await listPayouts(t.db, { partnerId: f.b })).pagination.total).toBe(0);
    const d = await getPayout(t.db, { partnerId: f.a }, f.aPayout);
    expect(d?.items.map((i) => i.amountCents).sort()).toEqual([10000, 20000]);
    expect(await getPayout(t.db, { partnerId: f.b }, f.aPayout)).toBeNull();
    expect((await payoutsForExport(t.db, { partnerId: f.a }, { status: "paid" })).length).toBe(1);
    expect((await listPayouts(t.db, {}, { q: "txn-a" })).pagination.total).toBe(1);
  });
});

describe("partners", () => {
  it("a partner's list holds just itself; another partner's id is null", async () => {
    const self = await listPartners(t.db, { partnerId: f.a });
    expect(self.data.map((p) => [p.id, p.referralCode])).toEqual([[f.a, "ALIARC0001"]]);
    expect(await getPartner(t.db, { partnerId: f.a }, f.b)).toBeNull();
    expect((await getPartner(t.db, {}, f.b))?.codes.map((c) => c.code)).toEqual(["BRUBAK0001"]);
    expect((await listPartners(t.db, {}, { q: "bruBAK" })).data.map((p) => p.id)).toEqual([f.b]);
    expect((await listPartners(t.db, {}, { sort: "lastName" })).data.map((p) => p.lastName)).toEqual([
      "Archer",
      "Baker",
    ]);
  });
});

describe("leads", () => {
  it("a partner sees only leads it referred, masked, without the message", async () => {
    const b = await listLeads(t.db, { partnerId: f.b }, { pageSize: 100 });
    expect(b.pagination.total).toBe(5);
    expect(b.data.every((l) => l.lastName.endsWith(".") && l.email?.startsWith("b***@") && !("message" in l))).toBe(
      true,
    );
    expect(b.data.every((l) => l.referrals.every((r) => r.partnerId === f.b))).toBe(true);
    const aLead = (await listLeads(t.db, { partnerId: f.a }, { pageSize: 1 })).data[0];
    expect(await getLead(t.db, { partnerId: f.b }, aLead.id)).toBeNull();
    const admin = await getLead(t.db, {}, aLead.id);
    expect(admin?.lastName).toMatch(/^Last\d+$/);
    expect(admin?.referrals[0].partnerName).toBe("Alice Archer");
    expect((await listLeads(t.db, {}, { partnerId: f.a })).pagination.total).toBe(25);
  });
});

describe("parseListSafe (pages)", () => {
  it("ignores unknown params and falls back to defaults with errors on bad ones", () => {
    const ok = parseListSafe(referralListSchema, { utm_source: "x", status: "pending", page: "2" });
    expect(ok).toMatchObject({
      params: { status: ["PENDING"], page: 2, pageSize: 20, sort: "-createdAt" },
      errors: [],
    });
    const bad = parseListSafe(referralListSchema, { pageSize: "500" });
    expect(bad.params.pageSize).toBe(20);
    expect(bad.errors[0].path).toBe("pageSize");
  });

  it("throws AppError naming the field from the domain lists", async () => {
    const e = await listPayouts(t.db, {}, { status: "LOST" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).errors[0].path).toMatch(/^status/);
  });
});
