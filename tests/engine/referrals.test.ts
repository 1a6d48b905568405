import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, leads, outbox, referrals, rewards } from "@/db/schema";
import { REFERRAL_STATUSES, type ReferralStatus } from "@/db/schema/enums";
import { captureLead } from "@/lib/leads/service";
import { createReferralSchema } from "@/lib/referrals/schemas";
import {
  acceptReferral,
  createReferral,
  expireStale,
  linkToLead,
  processConversion,
  rejectReferral,
  withdrawReferral,
} from "@/lib/referrals/service";
import { REFERRAL_TRANSITIONS } from "@/lib/referrals/transitions";
import { partners } from "@/db/schema";
import { dbSuite } from "../helpers/db";
import { admin, expectRefusedTransition, leadBody, newPartner, rejects, system, visitor } from "./helpers";

const t = dbSuite();

const day = 86_400_000;

async function referralWithLead(status: ReferralStatus = "PENDING") {
  const p = await newPartner(t.db);
  const { referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), {
    actor: visitor,
    channel: "FORM",
  });
  if (status !== "PENDING") await t.db.update(referrals).set({ status }).where(eq(referrals.id, referral!.id));
  return { partner: p, referral: referral! };
}

describe("createReferral (public body)", () => {
  it("creates a PENDING referral from partner id + code, source case-insensitive", async () => {
    const p = await newPartner(t.db);
    const input = createReferralSchema.parse({
      partnerId: p.id,
      referralCode: p.referralCode.toLowerCase(),
      source: "website",
    });
    const r = await createReferral(t.db, input, admin);
    expect(r).toMatchObject({
      partnerId: p.id,
      referralCode: p.referralCode,
      source: "WEBSITE",
      status: "PENDING",
      leadId: null,
    });
    expect(r.expiresAt.getTime() - r.createdAt.getTime()).toBe(90 * day);
  });
  it("refuses a code of another partner, an unknown code and an inactive partner", async () => {
    const a = await newPartner(t.db);
    const b = await newPartner(t.db);
    const e1 = await rejects(
      createReferral(t.db, createReferralSchema.parse({ partnerId: a.id, referralCode: b.referralCode }), admin),
    );
    expect(e1).toMatchObject({ code: "validation" });
    expect(e1.message).toMatch(/does not belong/);
    expect(
      await rejects(
        createReferral(t.db, createReferralSchema.parse({ partnerId: a.id, referralCode: "ZZZZZZ9999" }), admin),
      ),
    ).toMatchObject({ code: "validation" });
    await t.db.update(partners).set({ status: "SUSPENDED" }).where(eq(partners.id, a.id));
    const e3 = await rejects(
      createReferral(t.db, createReferralSchema.parse({ partnerId: a.id, referralCode: a.referralCode }), admin),
    );
    expect(e3.code).toBe("invalid_state");
    expect(e3.message).toContain("SUSPENDED");
  });
  it("captures a lead given in the body in the same transaction", async () => {
    const p = await newPartner(t.db);
    const body = leadBody();
    const input = createReferralSchema.parse({
      partnerId: p.id,
      referralCode: p.referralCode,
      source: "email",
      lead: { ...body, consent: body.consent },
    });
    const r = await createReferral(t.db, input, admin);
    expect(r).toMatchObject({ status: "PENDING", source: "EMAIL" });
    const [lead] = await t.db.select().from(leads).where(eq(leads.id, r.leadId!));
    expect(lead.email).toBe(body.email);
  });
  it("links an existing lead on creation (ACCEPTED) and records a duplicate as REJECTED", async () => {
    const a = await newPartner(t.db);
    const b = await newPartner(t.db);
    const { lead } = await captureLead(t.db, leadBody(), { actor: visitor, channel: "FORM" });
    const r1 = await createReferral(
      t.db,
      createReferralSchema.parse({ partnerId: a.id, referralCode: a.referralCode, leadId: lead.id }),
      admin,
    );
    expect(r1.status).toBe("ACCEPTED");
    const r2 = await createReferral(
      t.db,
      createReferralSchema.parse({ partnerId: b.id, referralCode: b.referralCode, leadId: lead.id }),
      admin,
    );
    expect(r2).toMatchObject({ status: "REJECTED", rejectionReason: "DUPLICATE_LEAD" });
  });
});

describe("linkToLead", () => {
  it("moves PENDING → ACCEPTED with the lead; refuses a lead held by another referral or unknown", async () => {
    const p = await newPartner(t.db);
    const r = await createReferral(
      t.db,
      createReferralSchema.parse({ partnerId: p.id, referralCode: p.referralCode }),
      admin,
    );
    const { lead } = await captureLead(t.db, leadBody(), { actor: visitor, channel: "FORM" });
    const linked = await linkToLead(t.db, r.id, { leadId: lead.id }, admin);
    expect(linked).toMatchObject({ status: "ACCEPTED", leadId: lead.id });
    const r2 = await createReferral(
      t.db,
      createReferralSchema.parse({ partnerId: p.id, referralCode: p.referralCode }),
      admin,
    );
    expect(await rejects(linkToLead(t.db, r2.id, { leadId: lead.id }, admin))).toMatchObject({ code: "conflict" });
    expect(
      await rejects(linkToLead(t.db, r2.id, { leadId: "7d1f2c1e-0000-4000-8000-000000000000" }, admin)),
    ).toMatchObject({ code: "validation" });
    expect(await rejects(linkToLead(t.db, linked.id, { leadId: lead.id }, admin))).toMatchObject({
      code: "invalid_state",
    });
  });
});

describe("referral transitions (table)", () => {
  const ops: Record<"ACCEPTED" | "REJECTED" | "CONVERTED", (id: string) => Promise<unknown>> = {
    ACCEPTED: (id) => acceptReferral(t.db, id, admin),
    REJECTED: (id) => rejectReferral(t.db, id, { reason: "Not a fit" }, admin),
    CONVERTED: (id) => processConversion(t.db, id, { conversionValue: "250.00" }, admin),
  };
  const cases = REFERRAL_STATUSES.flatMap((from) =>
    (Object.keys(ops) as (keyof typeof ops)[])
      .filter((to) => !(from === "CONVERTED" && to === "CONVERTED"))
      .map((to) => [from, to, REFERRAL_TRANSITIONS[from].includes(to)] as const),
  );
  const statusOf = async (id: string) => (await t.db.select().from(referrals).where(eq(referrals.id, id)))[0].status;
  it.each(cases)("%s → %s allowed=%s", async (from, to, allowed) => {
    const { referral } = await referralWithLead(from);
    if (allowed) {
      await ops[to](referral.id);
      expect(await statusOf(referral.id)).toBe(to);
      const [ev] = await t.db
        .select()
        .from(events)
        .where(and(eq(events.entityId, referral.id), eq(events.toStatus, to)));
      expect(ev.fromStatus).toBe(from);
    } else await expectRefusedTransition(ops[to](referral.id), from, () => statusOf(referral.id), `is ${from}`);
  });
  it.each(REFERRAL_STATUSES.map((s) => [s, REFERRAL_TRANSITIONS[s].includes("EXPIRED")] as const))(
    "%s → EXPIRED by expireStale allowed=%s",
    async (from, allowed) => {
      const { referral } = await referralWithLead(from);
      await t.db
        .update(referrals)
        .set({ expiresAt: new Date(Date.now() - day) })
        .where(eq(referrals.id, referral.id));
      await expireStale(t.db, new Date(), system);
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
      expect(row.status).toBe(allowed ? "EXPIRED" : from);
      if (allowed) {
        const [ev] = await t.db
          .select()
          .from(events)
          .where(and(eq(events.entityId, referral.id), eq(events.action, "referral.expired")));
        expect([ev.fromStatus, ev.toStatus, ev.actorId]).toEqual([from, "EXPIRED", "test-job"]);
      }
    },
  );
  it("withdraw only from PENDING, as REJECTED WITHDRAWN", async () => {
    for (const from of REFERRAL_STATUSES) {
      const { referral } = await referralWithLead(from);
      if (from === "PENDING")
        expect(await withdrawReferral(t.db, referral.id, admin)).toMatchObject({
          status: "REJECTED",
          rejectionReason: "WITHDRAWN",
        });
      else expect(await rejects(withdrawReferral(t.db, referral.id, admin))).toMatchObject({ code: "invalid_state" });
    }
  });
  it("unknown and malformed ids are not found", async () => {
    expect(await rejects(acceptReferral(t.db, "nope", admin))).toMatchObject({ code: "not_found" });
    expect(await rejects(acceptReferral(t.db, "7d1f2c1e-0000-4000-8000-000000000000", admin))).toMatchObject({
      code: "not_found",
    });
  });
});

describe("expireStale", () => {
  it("expires every overdue PENDING/ACCEPTED referral in one call and returns the count, with webhooks", async () => {
    const before = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.eventType, "referral.expired"));
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await referralWithLead(i % 2 ? "ACCEPTED" : "PENDING")).referral);
    const future = new Date(Date.now() + 91 * day);
    const n = await expireStale(t.db, future, system);
    expect(n).toBeGreaterThanOrEqual(5);
    expect(await expireStale(t.db, future, system)).toBe(0);
    const after = await t.db.select({ n: count() }).from(outbox).where(eq(outbox.eventType, "referral.expired"));
    expect(after[0].n - before[0].n).toBe(n);
  });
});

describe("processConversion", () => {
  it("converts exactly, idempotently, and moves the lead to CONVERTED", async () => {
    const { referral } = await referralWithLead();
    const first = await processConversion(t.db, referral.id, { conversionValue: 1000.0 }, admin);
    expect(first.created).toBe(true);
    expect(first.referral).toMatchObject({ status: "CONVERTED", conversionValueCents: 100000 });
    expect(first.reward).toMatchObject({
      status: "CALCULATED",
      amountCents: 10000,
      rateBps: 1000,
      baseCents: 100000,
      type: "CONVERSION",
    });
    const again = await processConversion(t.db, referral.id, { conversionValue: "1000.00" }, admin);
    expect(again).toMatchObject({ created: false, reward: { id: first.reward.id } });
    expect(await rejects(processConversion(t.db, referral.id, { conversionValue: 999 }, admin))).toMatchObject({
      code: "conflict",
    });
    const [lead] = await t.db.select().from(leads).where(eq(leads.id, referral.leadId!));
    expect(lead).toMatchObject({ status: "CONVERTED", conversionValueCents: 100000 });
  });
  it.each([["1000.005"], [-5], [Number.NaN], [Number.POSITIVE_INFINITY], ["1e3"], [1e13]])(
    "refuses %s with a field error and writes nothing",
    async (v) => {
      const { referral } = await referralWithLead();
      const e = (await rejects(processConversion(t.db, referral.id, { conversionValue: v as number }, admin))) as {
        code?: string;
        errors?: { path: string }[];
      };
      expect(e.code).toBe("validation");
      expect(e.errors?.[0].path).toBe("conversionValue");
      const [row] = await t.db.select().from(referrals).where(eq(referrals.id, referral.id));
      expect(row.status).toBe("PENDING");
    },
  );
  it("without a value leaves a PENDING reward that a later value calculates", async () => {
    const { referral } = await referralWithLead();
    const r1 = await processConversion(t.db, referral.id, {}, admin);
    expect(r1.reward).toMatchObject({ status: "PENDING", amountCents: null });
    const r2 = await processConversion(t.db, referral.id, { conversionValueCents: 55555 }, admin);
    expect(r2).toMatchObject({ created: false, reward: { id: r1.reward.id, status: "CALCULATED", amountCents: 5556 } });
  });
  it("50 concurrent calls create exactly one reward", async () => {
    const { referral } = await referralWithLead();
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, () => processConversion(t.db, referral.id, { conversionValue: "1234.56" }, admin)),
    );
    const ok = results
      .filter((r) => r.status === "fulfilled")
      .map((r) => (r as PromiseFulfilledResult<{ created: boolean; reward: { id: string } }>).value);
    expect(ok).toHaveLength(50);
    expect(ok.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(ok.map((r) => r.reward.id)).size).toBe(1);
    const rows = await t.db.select().from(rewards).where(eq(rewards.referralId, referral.id));
    expect(rows).toHaveLength(1);
    expect(rows[0].amountCents).toBe(12346);
    const conv = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, referral.id), eq(events.action, "referral.converted")));
    expect(conv).toHaveLength(1);
  });
});
