import type { Db } from "@/db";
import { events, leads, partnerCodes, partners, payoutItems, payouts, referrals, rewards } from "@/db/schema";
import type { ReferralSource, ReferralStatus } from "@/db/schema/enums";

const DAY = 86_400_000;

export interface ListFixture {
  a: string;
  b: string;
  /** Partner A's referral ids, newest first. */
  aReferrals: string[];
  bReferrals: string[];
  aRewards: string[];
  aPayout: string;
  now: Date;
}

const STATUSES: ReferralStatus[] = ["PENDING", "ACCEPTED", "REJECTED", "CONVERTED", "PAID", "EXPIRED"];
const SOURCES: ReferralSource[] = ["WEBSITE", "EMAIL", "PHONE", "IN_PERSON"];

/**
 * Two partners with known rows written straight to the tables (the read side does not depend on the
 * engine): A has 25 referrals over 25 days cycling statuses and sources, 3 of them sharing one timestamp;
 * B has 5. Rewards and one paid payout for A.
 */
export async function seedListFixture(db: Db, now = new Date("2026-11-20T12:00:00Z")): Promise<ListFixture> {
  const [pa, pb] = await db
    .insert(partners)
    .values([
      {
        firstName: "Alice",
        lastName: "Archer",
        email: "alice@partners.test",
        status: "ACTIVE",
        commissionRateBps: 1000,
        companyName: "Archer Agency",
      },
      { firstName: "Bruno", lastName: "Baker", email: "bruno@partners.test", status: "ACTIVE", commissionRateBps: 500 },
    ])
    .returning();
  await db.insert(partnerCodes).values([
    { partnerId: pa.id, code: "ALIARC0001" },
    { partnerId: pb.id, code: "BRUBAK0001" },
  ]);
  const mk = async (partnerId: string, code: string, n: number, prefix: string) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      // Three rows share one timestamp so keyset pagination must break ties by id.
      const createdAt = new Date(now.getTime() - (i < 3 ? 0 : i) * DAY);
      const [lead] = await db
        .insert(leads)
        .values({
          firstName: `${prefix}First${i}`,
          lastName: `Last${i}`,
          email: `${prefix.toLowerCase()}${i}@example.com`,
          phone: `55500${String(i).padStart(5, "0")}`,
          insuranceType: "AUTO",
          createdAt,
        })
        .returning();
      const status = STATUSES[i % STATUSES.length];
      const [r] = await db
        .insert(referrals)
        .values({
          partnerId,
          referralCode: code,
          leadId: lead.id,
          source: SOURCES[i % SOURCES.length],
          status,
          subId: i === 7 ? "spring-news" : null,
          conversionValueCents: status === "CONVERTED" || status === "PAID" ? 100_000 + i : null,
          expiresAt: new Date(createdAt.getTime() + 90 * DAY),
          createdAt,
          updatedAt: createdAt,
        })
        .returning();
      ids.push(r.id);
    }
    return ids;
  };
  const aReferrals = await mk(pa.id, "ALIARC0001", 25, "A");
  const bReferrals = await mk(pb.id, "BRUBAK0001", 5, "B");
  const [payout] = await db
    .insert(payouts)
    .values({
      partnerId: pa.id,
      amountCents: 30_000,
      status: "PAID",
      paymentMethod: "PAYPAL",
      transactionId: "TXN-A-1",
      rewardCount: 2,
      paidAt: now,
    })
    .returning();
  const rw = await db
    .insert(rewards)
    .values([
      {
        partnerId: pa.id,
        referralId: aReferrals[4],
        amountCents: 10_000,
        status: "PAID",
        payoutId: payout.id,
        paidAt: now,
        createdAt: new Date(now.getTime() - 4 * DAY),
      },
      {
        partnerId: pa.id,
        referralId: aReferrals[10],
        amountCents: 20_000,
        status: "PAID",
        payoutId: payout.id,
        paidAt: now,
        createdAt: new Date(now.getTime() - 10 * DAY),
      },
      {
        partnerId: pa.id,
        referralId: aReferrals[3],
        amountCents: 5_000,
        status: "CALCULATED",
        holdUntil: new Date(now.getTime() + 5 * DAY),
        createdAt: new Date(now.getTime() - 3 * DAY),
      },
      {
        partnerId: pa.id,
        referralId: aReferrals[9],
        amountCents: 7_000,
        status: "APPROVED",
        createdAt: new Date(now.getTime() - 9 * DAY),
      },
      {
        partnerId: pa.id,
        referralId: aReferrals[15],
        amountCents: 3_000,
        status: "CANCELLED",
        cancelReason: "Policy cancelled within 30 days",
        createdAt: new Date(now.getTime() - 15 * DAY),
      },
      { partnerId: pb.id, referralId: bReferrals[3], amountCents: 9_900, status: "APPROVED" },
    ])
    .returning();
  await db.insert(payoutItems).values([
    { payoutId: payout.id, rewardId: rw[0].id, amountCents: 10_000 },
    { payoutId: payout.id, rewardId: rw[1].id, amountCents: 20_000 },
  ]);
  await db.insert(events).values([
    {
      actorType: "PUBLIC",
      entityType: "referral",
      entityId: aReferrals[3],
      action: "referral.created",
      toStatus: "PENDING",
      createdAt: new Date(now.getTime() - 3 * DAY),
    },
    {
      actorType: "USER",
      actorId: "admin-user",
      actorLabel: "admin@demo.test",
      entityType: "referral",
      entityId: aReferrals[3],
      action: "referral.converted",
      fromStatus: "PENDING",
      toStatus: "CONVERTED",
      createdAt: new Date(now.getTime() - 2 * DAY),
    },
    {
      actorType: "SYSTEM",
      actorId: "engine",
      entityType: "reward",
      entityId: rw[2].id,
      action: "reward.calculated",
      toStatus: "CALCULATED",
      createdAt: new Date(now.getTime() - 2 * DAY),
    },
  ]);
  return {
    a: pa.id,
    b: pb.id,
    aReferrals,
    bReferrals,
    aRewards: rw.slice(0, 5).map((r) => r.id),
    aPayout: payout.id,
    now,
  };
}
