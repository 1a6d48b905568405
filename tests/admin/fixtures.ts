import {
  leadConsents,
  leads,
  partnerCodes,
  partners,
  payoutItems,
  payouts,
  referralClicks,
  referrals,
  rewards,
} from "@/db/schema";
import type { TestDb } from "../helpers/db";

const day = 86_400_000;

/** The partner both admin fixtures start with: Ann Lee of Harbor Group. */
export const ANN = { firstName: "Ann", lastName: "Lee", email: "ann@example.com", companyName: "Harbor Group" };

/**
 * A small program written straight into the tables (the admin queries only read): two partners and
 * an applicant, leads with consent, referrals in several statuses, rewards and one paid payout.
 */
export async function seedProgram(t: TestDb, now = new Date("2026-03-01T12:00:00Z")) {
  const ago = (d: number) => new Date(now.getTime() - d * day);
  const [ann, bob, cat] = await t.db
    .insert(partners)
    .values([
      {
        ...ANN,
        status: "ACTIVE",
        commissionRateBps: 1000,
        createdAt: ago(60),
        payoutMethod: "PAYPAL",
        payoutDetails: { paypal: "ann@pay.example" },
      },
      {
        firstName: "Bob",
        lastName: "Ray",
        email: "bob@example.com",
        status: "SUSPENDED",
        statusReason: "Compliance review",
        commissionRateBps: 1500,
        createdAt: ago(50),
      },
      {
        firstName: "Cat",
        lastName: "Kim",
        email: "cat@example.com",
        status: "INACTIVE",
        createdVia: "SELF",
        createdAt: ago(2),
      },
    ])
    .returning();
  await t.db.insert(partnerCodes).values([
    { partnerId: ann.id, code: "ANNLEE0001", isCurrent: false },
    { partnerId: ann.id, code: "ANNLEE0002" },
    { partnerId: bob.id, code: "BOBRAY0001" },
    { partnerId: cat.id, code: "CATKIM0001" },
  ]);
  await t.db.insert(referralClicks).values([
    { partnerId: ann.id, code: "ANNLEE0002", valid: true },
    { partnerId: ann.id, code: "ANNLEE0002", valid: true },
    { partnerId: ann.id, code: "ANNLEE0002", valid: false, invalidReason: "x" },
  ]);
  const [l1, l2, l3] = await t.db
    .insert(leads)
    .values([
      {
        firstName: "Dana",
        lastName: "Fox",
        email: "dana@example.com",
        phone: "5551234567",
        insuranceType: "AUTO",
        status: "CONVERTED",
        conversionValueCents: 120000,
        createdAt: ago(30),
      },
      {
        firstName: "Eli",
        lastName: "Gray",
        email: "eli@example.com",
        insuranceType: "HOME",
        status: "NEW",
        createdAt: ago(10),
      },
      {
        firstName: "Fay",
        lastName: "Hart",
        phone: "5559876543",
        insuranceType: "LIFE",
        status: "LOST",
        externalId: "CRM-9",
        createdAt: ago(5),
      },
    ])
    .returning();
  await t.db.insert(leadConsents).values([
    {
      leadId: l1.id,
      textVersion: "v1",
      textHash: "a".repeat(64),
      channel: "FORM",
      ip: "203.0.113.1",
      consentedAt: ago(30),
    },
    {
      leadId: l1.id,
      textVersion: "v2",
      textHash: "b".repeat(64),
      channel: "FORM",
      ip: "203.0.113.2",
      consentedAt: ago(20),
    },
  ]);
  const exp = new Date(now.getTime() + 60 * day);
  const [r1, r2, r3, r4] = await t.db
    .insert(referrals)
    .values([
      {
        partnerId: ann.id,
        referralCode: "ANNLEE0002",
        leadId: l1.id,
        status: "PAID",
        source: "WEBSITE",
        conversionValueCents: 120000,
        expiresAt: exp,
        createdAt: ago(30),
      },
      {
        partnerId: ann.id,
        referralCode: "ANNLEE0001",
        leadId: l2.id,
        status: "ACCEPTED",
        source: "EMAIL",
        expiresAt: exp,
        createdAt: ago(10),
      },
      {
        partnerId: bob.id,
        referralCode: "BOBRAY0001",
        leadId: l3.id,
        status: "REJECTED",
        rejectionReason: "LEAD_LOST",
        source: "PHONE",
        expiresAt: exp,
        createdAt: ago(5),
      },
      {
        partnerId: ann.id,
        referralCode: "ANNLEE0002",
        status: "CONVERTED",
        source: "WEBSITE",
        conversionValueCents: 50000,
        expiresAt: exp,
        createdAt: ago(3),
      },
    ])
    .returning();
  const [payout] = await t.db
    .insert(payouts)
    .values({
      partnerId: ann.id,
      amountCents: 12000,
      status: "PAID",
      paymentMethod: "PAYPAL",
      transactionId: "TXN-1",
      rewardCount: 1,
      paidAt: ago(1),
      createdAt: ago(2),
    })
    .returning();
  const [w1, w2] = await t.db
    .insert(rewards)
    .values([
      {
        partnerId: ann.id,
        referralId: r1.id,
        amountCents: 12000,
        rateBps: 1000,
        status: "PAID",
        payoutId: payout.id,
        createdAt: ago(29),
      },
      { partnerId: ann.id, referralId: r4.id, amountCents: 5000, rateBps: 1000, status: "APPROVED", createdAt: ago(3) },
      {
        partnerId: ann.id,
        type: "BONUS",
        amountCents: 2500,
        status: "APPROVED",
        reason: "Launch bonus",
        createdAt: ago(2),
      },
      { partnerId: bob.id, type: "BONUS", amountCents: 1000, status: "APPROVED", reason: "Small", createdAt: ago(2) },
      {
        partnerId: bob.id,
        type: "BONUS",
        amountCents: 700,
        status: "CANCELLED",
        cancelReason: "Duplicate",
        createdAt: ago(1),
      },
    ])
    .returning();
  await t.db.insert(payoutItems).values({ payoutId: payout.id, rewardId: w1.id, amountCents: 12000 });
  return { now, ann, bob, cat, leads: { l1, l2, l3 }, refs: { r1, r2, r3, r4 }, payout, rewards: { w1, w2 } };
}
