import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, partnerCodes, partners, settings } from "@/db/schema";
import { PARTNER_STATUSES } from "@/db/schema/enums";
import { makeReferralCode } from "@/lib/partners/code";
import { createPartnerSchema, partnerStatusSchema, updatePartnerSchema } from "@/lib/partners/schemas";
import {
  changePartnerStatus,
  createPartner,
  getPartnerById,
  regenerateCode,
  resolveCode,
  updatePartner,
} from "@/lib/partners/service";
import { PARTNER_TRANSITIONS } from "@/lib/referrals/transitions";
import { dbSuite } from "../helpers/db";
import { admin, expectRefusedTransition, newPartner, rejects } from "./helpers";

const t = dbSuite();

describe("referral codes", () => {
  it("follow the documented format, folding accents", () => {
    expect(makeReferralCode("John", "Doe", () => 1234)).toBe("JOHDOE1234");
    expect(makeReferralCode("Zoë", "Müller", () => 7)).toBe("ZOEMUL0007");
    expect(makeReferralCode("José", "Ñúñez", () => 42)).toBe("JOSNUN0042");
  });
  it("fall back to a random stem for short or non-Latin names", () => {
    for (const [f, l] of [
      ["Li", "Wu"],
      ["王", "小明"],
      ["Ян", "Ким"],
    ]) {
      const code = makeReferralCode(f, l);
      expect(code).toMatch(/^[A-Z]{6}\d{4}$/);
    }
  });
  it("are unique across many partners with the same name, via the database", async () => {
    const made = [];
    for (let i = 0; i < 30; i++)
      made.push(await newPartner(t.db, { firstName: "Ann", lastName: "Lee", email: `annlee${i}@x.test` }));
    const codes = new Set(made.map((p) => p.referralCode));
    expect(codes.size).toBe(30);
    for (const c of codes) expect(c).toMatch(/^[A-Z]{6}\d{4}$/);
  });
  it("refuse a fixed code that is taken", async () => {
    const a = await createPartner(
      t.db,
      createPartnerSchema.parse({ firstName: "Fix", lastName: "Ed", email: "fixed1@x.test" }),
      admin,
      { via: "ADMIN", code: "fixcod0001" },
    );
    expect(a.referralCode).toBe("FIXCOD0001");
    const e = await rejects(
      createPartner(
        t.db,
        createPartnerSchema.parse({ firstName: "Fix", lastName: "Ed", email: "fixed2@x.test" }),
        admin,
        { via: "ADMIN", code: "FIXCOD0001" },
      ),
    );
    expect(e.code).toBe("conflict");
    expect(await t.db.select().from(partners).where(eq(partners.email, "fixed2@x.test"))).toHaveLength(0);
  });
});

describe("createPartner", () => {
  it("starts admin and API partners ACTIVE, sign-ups INACTIVE unless auto-approved", async () => {
    expect((await newPartner(t.db, {}, "ADMIN")).status).toBe("ACTIVE");
    expect((await newPartner(t.db, {}, "API")).status).toBe("ACTIVE");
    expect((await newPartner(t.db, {}, "SELF")).status).toBe("INACTIVE");
    await t.db.update(settings).set({ autoApprovePartners: true });
    expect((await newPartner(t.db, {}, "SELF")).status).toBe("ACTIVE");
    await t.db.update(settings).set({ autoApprovePartners: false });
  });
  it("leaves the rate to the plan (no override), records an event and a webhook, refuses a duplicate e-mail", async () => {
    const p = await newPartner(t.db, { email: "Dup@X.test" });
    expect(p.email).toBe("dup@x.test");
    expect(p.commissionRateBps).toBeNull();
    const ev = await t.db.select().from(events).where(eq(events.entityId, p.id));
    expect(ev.map((e) => e.action)).toEqual(["partner.created"]);
    expect(ev[0].actorId).toBe(admin.id);
    expect(ev[0].requestId).toBe("req-test");
    const out = await t.db.execute(
      sql`select count(*)::int as n from outbox where event_type = 'partner.created' and payload->'data'->>'id' = ${p.id}`,
    );
    expect((out as unknown as { n: number }[])[0].n).toBe(1);
    const e = await rejects(newPartner(t.db, { email: "dup@x.test" }));
    expect(e.code).toBe("conflict");
  });
  it("validates input strictly, with field paths", () => {
    expect(createPartnerSchema.safeParse({ firstName: "A", lastName: "B", email: "a@b.co", extra: 1 }).success).toBe(
      false,
    );
    const r = createPartnerSchema.safeParse({ firstName: "A", lastName: "B", email: "nope", commissionRateBps: 10001 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(
      expect.arrayContaining(["email", "commissionRateBps"]),
    );
    expect(
      createPartnerSchema.parse({ firstName: "A", lastName: "B", email: "a@b.co", payoutMethod: "paypal" })
        .payoutMethod,
    ).toBe("PAYPAL");
  });
  it("updates the profile with an audit event", async () => {
    const p = await newPartner(t.db);
    const u = await updatePartner(
      t.db,
      p.id,
      updatePartnerSchema.parse({ companyName: "Acme", commissionRateBps: 1500 }),
      admin,
    );
    expect(u.companyName).toBe("Acme");
    expect(u.commissionRateBps).toBe(1500);
    expect(u.referralCode).toBe(p.referralCode);
    expect(await rejects(updatePartner(t.db, "not-a-uuid", {}, admin))).toMatchObject({ code: "not_found" });
  });
});

describe("partner status transitions", () => {
  const cases = PARTNER_STATUSES.flatMap((from) =>
    PARTNER_STATUSES.map((to) => [from, to, PARTNER_TRANSITIONS[from].includes(to)] as const),
  );
  it.each(cases)("%s → %s allowed=%s", async (from, to, allowed) => {
    const p = await newPartner(t.db);
    await t.db.update(partners).set({ status: from }).where(eq(partners.id, p.id));
    const call = changePartnerStatus(
      t.db,
      p.id,
      partnerStatusSchema.parse({ status: to.toLowerCase(), reason: "test" }),
      admin,
    );
    if (allowed) {
      const out = await call;
      expect(out.status).toBe(to);
      const [ev] = await t.db
        .select()
        .from(events)
        .where(eq(events.action, "partner.status_changed"))
        .orderBy(sql`id desc`)
        .limit(1);
      expect([ev.entityId, ev.fromStatus, ev.toStatus]).toEqual([p.id, from, to]);
    } else {
      const statusNow = async () => (await t.db.select().from(partners).where(eq(partners.id, p.id)))[0].status;
      await expectRefusedTransition(call, from, statusNow);
    }
  });
});

describe("resolveCode and regenerateCode", () => {
  it("matches case-insensitively and keeps the old code as an alias", async () => {
    const p = await newPartner(t.db, { firstName: "Rita", lastName: "Moreno" });
    const old = p.referralCode;
    expect(await resolveCode(t.db, ` ${old.toLowerCase()} `)).toMatchObject({
      valid: true,
      code: old,
      partner: { id: p.id },
    });
    const again = await regenerateCode(t.db, p.id, admin);
    expect(again.referralCode).not.toBe(old);
    expect((await getPartnerById(t.db, p.id)).referralCode).toBe(again.referralCode);
    expect(await resolveCode(t.db, old)).toMatchObject({
      valid: true,
      partner: { id: p.id, referralCode: again.referralCode },
    });
    const codes = await t.db.select().from(partnerCodes).where(eq(partnerCodes.partnerId, p.id));
    expect(codes.filter((c) => c.isCurrent)).toHaveLength(1);
    expect(codes).toHaveLength(2);
  });
  it("explains why a code is not valid", async () => {
    expect(await resolveCode(t.db, "NOPE000000")).toMatchObject({ valid: false, reason: "UNKNOWN_CODE" });
    for (const s of ["INACTIVE", "SUSPENDED", "TERMINATED"] as const) {
      const p = await newPartner(t.db);
      await t.db.update(partners).set({ status: s }).where(eq(partners.id, p.id));
      expect(await resolveCode(t.db, p.referralCode)).toMatchObject({ valid: false, reason: `PARTNER_${s}` });
    }
  });
});
