import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { events, leadConsents, leads, partners, referrals, rewards } from "@/db/schema";
import { leadInputSchema, leadStatusSchema } from "@/lib/leads/schemas";
import { captureLead, changeLeadStatus, sha256Hex } from "@/lib/leads/service";
import { processConversion } from "@/lib/referrals/service";
import { dbSuite } from "../helpers/db";
import { admin, leadBody, newPartner, visitor } from "./helpers";

const t = dbSuite();

const hour = 3_600_000;
const day = 24 * hour;
const form = (o: Record<string, unknown> = {}) => ({
  actor: visitor,
  channel: "FORM" as const,
  ip: "203.0.113.9",
  userAgent: "UA",
  ...o,
});

describe("leadInputSchema", () => {
  it("accepts the public lead body, case-insensitive enums, blank optional fields", () => {
    const v = leadInputSchema.parse({
      firstName: " Ana ",
      lastName: "Diaz",
      email: "ANA@Example.com",
      phone: "",
      state: "tx",
      zip: "",
      insuranceType: "home",
      consent: { given: true, textVersion: "2026-11" },
    });
    expect(v).toMatchObject({ firstName: "Ana", email: "ana@example.com", state: "TX", insuranceType: "HOME" });
    expect(v.phone).toBeUndefined();
  });
  it("names the fields that are wrong, with messages for people", () => {
    const r = leadInputSchema.safeParse({
      firstName: "",
      lastName: "D",
      insuranceType: "boat",
      consent: { given: false, textVersion: "v" },
      extra: 1,
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["firstName", "insuranceType", "consent.given"]));
    const contact = leadInputSchema.safeParse({
      firstName: "A",
      lastName: "B",
      insuranceType: "auto",
      consent: { given: true, textVersion: "v" },
    });
    expect(contact.error!.issues.find((i) => i.path[0] === "email")?.message).toBe(
      "Enter an e-mail address or a phone number",
    );
  });
});

describe("captureLead", () => {
  it("stores lead, consent evidence with the text hash, and a PENDING referral for a valid code", async () => {
    const p = await newPartner(t.db);
    const text = "I agree that Acme Insurance Quotes may contact me.";
    const { lead, referral, merged } = await captureLead(
      t.db,
      leadBody({ referralCode: p.referralCode.toLowerCase(), source: "Facebook", phone: "(555) 010-2000" }),
      form({ consentText: text, pageUrl: "https://x/quote" }),
    );
    expect(merged).toBe(false);
    expect(lead.phone).toBe("5550102000");
    expect(referral).toMatchObject({ status: "PENDING", partnerId: p.id, source: "SOCIAL_MEDIA", leadId: lead.id });
    const [c] = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, lead.id));
    expect(c).toMatchObject({
      textVersion: "2026-11",
      textHash: sha256Hex(text),
      ip: "203.0.113.9",
      pageUrl: "https://x/quote",
      channel: "FORM",
    });
  });
  it("defaults the source to WEBSITE", async () => {
    const p = await newPartner(t.db);
    const { referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), form());
    expect(referral!.source).toBe("WEBSITE");
  });
  it("never loses a lead: unknown code → no referral; inactive partners → REJECTED with the reason", async () => {
    const unknown = await captureLead(t.db, leadBody({ referralCode: "NOSUCH0000" }), form());
    expect(unknown.referral).toBeNull();
    expect(unknown.lead.id).toBeDefined();
    for (const s of ["INACTIVE", "SUSPENDED", "TERMINATED"] as const) {
      const p = await newPartner(t.db);
      await t.db.update(partners).set({ status: s }).where(eq(partners.id, p.id));
      const { lead, referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), form());
      expect(referral).toMatchObject({ status: "REJECTED", rejectionReason: `PARTNER_${s}`, leadId: lead.id });
    }
  });
  it("rejects self-referrals by e-mail or phone", async () => {
    const p = await newPartner(t.db, { phone: "555-222-3333" });
    const byEmail = await captureLead(t.db, leadBody({ email: p.email, referralCode: p.referralCode }), form());
    expect(byEmail.referral).toMatchObject({ status: "REJECTED", rejectionReason: "SELF_REFERRAL" });
    const byPhone = await captureLead(
      t.db,
      leadBody({ email: undefined, phone: "5552223333", referralCode: p.referralCode }),
      form(),
    );
    expect(byPhone.referral).toMatchObject({ status: "REJECTED", rejectionReason: "SELF_REFERRAL" });
  });
  it("merges the same e-mail or phone within 24 hours, adding consent rows, never overwriting them", async () => {
    const t0 = new Date("2026-10-01T10:00:00Z");
    const first = await captureLead(
      t.db,
      leadBody({ email: "merge@example.com", message: "first" }),
      form({ now: t0 }),
    );
    const second = await captureLead(
      t.db,
      leadBody({ email: "MERGE@example.com", phone: "5559990000", zip: "73301" }),
      form({ now: new Date(t0.getTime() + 23 * hour), ip: "198.51.100.1" }),
    );
    expect(second.merged).toBe(true);
    expect(second.lead.id).toBe(first.lead.id);
    expect(second.lead).toMatchObject({ phone: "5559990000", zip: "73301", message: "first" });
    const byPhone = await captureLead(
      t.db,
      leadBody({ email: undefined, phone: "555-999-0000" }),
      form({ now: new Date(t0.getTime() + 23.5 * hour) }),
    );
    expect(byPhone.lead.id).toBe(first.lead.id);
    const consents = await t.db.select().from(leadConsents).where(eq(leadConsents.leadId, first.lead.id));
    expect(consents.map((c) => c.ip).sort()).toEqual(["198.51.100.1", "203.0.113.9", "203.0.113.9"]);
    const later = await captureLead(
      t.db,
      leadBody({ email: "merge@example.com" }),
      form({ now: new Date(t0.getTime() + 25 * hour) }),
    );
    expect(later.merged).toBe(false);
    expect(later.lead.id).not.toBe(first.lead.id);
    const evs = await t.db.select().from(events).where(eq(events.entityId, first.lead.id));
    expect(evs.map((e) => e.action)).toEqual(["lead.created", "lead.merged", "lead.merged"]);
  });
  it("the first valid referral owns the person for the ownership window; later partners get DUPLICATE_LEAD", async () => {
    const a = await newPartner(t.db);
    const b = await newPartner(t.db);
    const t0 = new Date("2026-09-01T10:00:00Z");
    const email = "owned@example.com";
    const first = await captureLead(t.db, leadBody({ email, referralCode: a.referralCode }), form({ now: t0 }));
    expect(first.referral!.status).toBe("PENDING");
    // Same lead row (merge) with another partner's code.
    const sameRow = await captureLead(
      t.db,
      leadBody({ email, referralCode: b.referralCode }),
      form({ now: new Date(t0.getTime() + hour) }),
    );
    expect(sameRow.merged).toBe(true);
    expect(sameRow.referral).toMatchObject({ status: "REJECTED", rejectionReason: "DUPLICATE_LEAD", partnerId: b.id });
    // Same partner again on the merged lead: the existing referral, no duplicate row.
    const again = await captureLead(
      t.db,
      leadBody({ email, referralCode: a.referralCode }),
      form({ now: new Date(t0.getTime() + 2 * hour) }),
    );
    expect(again.referral!.id).toBe(first.referral!.id);
    // A new lead row 30 days later: still owned by A.
    const later = await captureLead(
      t.db,
      leadBody({ email, referralCode: b.referralCode }),
      form({ now: new Date(t0.getTime() + 30 * day) }),
    );
    expect(later.merged).toBe(false);
    expect(later.referral).toMatchObject({ status: "REJECTED", rejectionReason: "DUPLICATE_LEAD" });
    // After the 90-day window B may own the person.
    const after = await captureLead(
      t.db,
      leadBody({ email, referralCode: b.referralCode }),
      form({ now: new Date(t0.getTime() + 91 * day) }),
    );
    expect(after.referral).toMatchObject({ status: "PENDING", partnerId: b.id });
    const live = await t.db
      .select()
      .from(referrals)
      .where(and(eq(referrals.leadId, first.lead.id)));
    expect(live.filter((r) => r.status !== "REJECTED")).toHaveLength(1);
  });
});

describe("lead status drives the referral (table)", () => {
  const table = [
    { lead: "CONTACTED", value: undefined, referral: "PENDING", reward: null },
    { lead: "QUALIFIED", value: undefined, referral: "ACCEPTED", reward: null },
    { lead: "QUOTED", value: undefined, referral: "ACCEPTED", reward: null },
    {
      lead: "CONVERTED",
      value: "1500.00",
      referral: "CONVERTED",
      reward: { status: "CALCULATED", amountCents: 15000 },
    },
    { lead: "CONVERTED", value: undefined, referral: "CONVERTED", reward: { status: "PENDING", amountCents: null } },
    { lead: "LOST", value: undefined, referral: "REJECTED", reward: null },
  ] as const;
  it.each(table)("lead $lead (value $value) → referral $referral", async (row) => {
    const p = await newPartner(t.db);
    const { lead, referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), form());
    const input = leadStatusSchema.parse({
      status: row.lead.toLowerCase(),
      ...(row.value ? { conversionValue: row.value } : {}),
    });
    const out = await changeLeadStatus(t.db, lead.id, input, admin);
    expect(out.lead.status).toBe(row.lead);
    const [r] = await t.db.select().from(referrals).where(eq(referrals.id, referral!.id));
    expect(r.status).toBe(row.referral);
    if (row.lead === "LOST") expect(r.rejectionReason).toBe("LEAD_LOST");
    const rw = await t.db.select().from(rewards).where(eq(rewards.referralId, r.id));
    if (row.reward) expect(rw).toMatchObject([row.reward]);
    else expect(rw).toHaveLength(0);
  });
  it("a change the referral cannot follow saves the lead and records why", async () => {
    const p = await newPartner(t.db);
    const { lead, referral } = await captureLead(t.db, leadBody({ referralCode: p.referralCode }), form());
    await processConversion(t.db, referral!.id, { conversionValue: 100 }, admin);
    const out = await changeLeadStatus(t.db, lead.id, { status: "LOST" }, admin);
    expect(out.lead.status).toBe("LOST");
    expect(out.referralChange).toMatchObject({ to: null, skipped: expect.stringContaining("CONVERTED") });
    const [r] = await t.db.select().from(referrals).where(eq(referrals.id, referral!.id));
    expect(r.status).toBe("CONVERTED");
    const [ev] = await t.db
      .select()
      .from(events)
      .where(and(eq(events.entityId, lead.id), eq(events.toStatus, "LOST")));
    expect(JSON.stringify(ev.data)).toContain("stays");
  });
  it("a lead without a referral just changes; a value without CONVERTED is refused", async () => {
    const { lead } = await captureLead(t.db, leadBody(), form());
    expect((await changeLeadStatus(t.db, lead.id, { status: "QUALIFIED" }, admin)).referralChange).toBeNull();
    await expect(
      changeLeadStatus(t.db, lead.id, { status: "QUOTED", conversionValue: 5 }, admin),
    ).rejects.toMatchObject({ code: "validation" });
    const [l] = await t.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(l.status).toBe("QUALIFIED");
  });
});
