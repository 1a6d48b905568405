import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { partners, payouts, referralClicks, referrals, rewards } from "@/db/schema";
import {
  PAYMENT_METHODS,
  PAYOUT_STATUSES,
  REFERRAL_SOURCES,
  REFERRAL_STATUSES,
  REWARD_STATUSES,
  REWARD_TYPES,
} from "@/db/schema/enums";
import type { Rng } from "@/lib/random";

const DAY = 86_400_000;

/** Partners with distinct e-mails; returns their ids. */
export async function makePartners(db: DbOrTx, n: number, tag = "p"): Promise<string[]> {
  const rows = await db
    .insert(partners)
    .values(
      Array.from({ length: n }, (_, i) => ({
        firstName: `F${i}`,
        lastName: `L${i}`,
        email: `${tag}${i}-${Math.random().toString(36).slice(2, 8)}@example.test`,
        status: i % 5 === 4 ? ("INACTIVE" as const) : ("ACTIVE" as const),
      })),
    )
    .returning({ id: partners.id });
  return rows.map((r) => r.id);
}

/** A random timestamp within `days` before `end` (UTC). */
export const randomTime = (rng: Rng, end: Date, days: number): Date =>
  new Date(end.getTime() - rng.int(0, days * DAY - 1));

/**
 * Random facts across every table the rollups read, in every status, around `end`.
 * Referral statuses come with the timestamps a real life cycle would leave.
 */
export async function makeFacts(
  db: DbOrTx,
  rng: Rng,
  partnerIds: string[],
  n: number,
  end: Date,
  days = 60,
): Promise<void> {
  const clicks = Array.from({ length: n * 2 }, () => {
    const valid = rng.chance(0.8);
    return { partnerId: valid ? rng.pick(partnerIds) : null, code: "X", valid, createdAt: randomTime(rng, end, days) };
  });
  await db.insert(referralClicks).values(clicks);
  const refs = Array.from({ length: n }, () => {
    const createdAt = randomTime(rng, end, days);
    const status = rng.pick(REFERRAL_STATUSES);
    const converted = status === "CONVERTED" || status === "PAID";
    const convertedAt = converted ? new Date(createdAt.getTime() + rng.int(1, 40 * 24) * 3_600_000) : null;
    return {
      partnerId: rng.pick(partnerIds),
      referralCode: "X",
      source: rng.pick(REFERRAL_SOURCES),
      status,
      conversionValueCents: converted ? rng.int(10_000, 500_000) : null,
      expiresAt: new Date(createdAt.getTime() + 90 * DAY),
      acceptedAt: status === "PENDING" ? null : createdAt,
      convertedAt,
      paidAt: status === "PAID" ? convertedAt : null,
      createdAt,
    };
  });
  const refIds = await db
    .insert(referrals)
    .values(refs)
    .returning({ id: referrals.id, partnerId: referrals.partnerId });
  const payoutRows = await db
    .insert(payouts)
    .values(
      Array.from({ length: Math.max(1, Math.floor(n / 10)) }, () => {
        const status = rng.pick(PAYOUT_STATUSES);
        const createdAt = randomTime(rng, end, days);
        return {
          partnerId: rng.pick(partnerIds),
          amountCents: rng.int(5_000, 100_000),
          status,
          paymentMethod: rng.chance(0.9) ? rng.pick(PAYMENT_METHODS) : null,
          createdAt,
          paidAt: status === "PAID" ? new Date(createdAt.getTime() + rng.int(0, 5) * DAY) : null,
        };
      }),
    )
    .returning({ id: payouts.id });
  const rw = refIds
    .filter(() => rng.chance(0.5))
    .map((r) => {
      const status = rng.pick(REWARD_STATUSES);
      return {
        partnerId: r.partnerId,
        referralId: r.id,
        status,
        amountCents: status === "PENDING" ? null : rng.int(100, 50_000),
        payoutId: status === "PAID" ? rng.pick(payoutRows).id : null,
        createdAt: randomTime(rng, end, days),
      };
    });
  const manual = Array.from({ length: Math.ceil(n / 20) }, () => {
    const type = rng.pick(REWARD_TYPES.filter((t) => t !== "CONVERSION"));
    return {
      partnerId: rng.pick(partnerIds),
      type,
      status: rng.pick(["CALCULATED", "APPROVED", "PAID"] as const),
      amountCents: type === "CLAWBACK" ? -rng.int(100, 5_000) : rng.int(100, 5_000),
      createdAt: randomTime(rng, end, days),
    };
  });
  await db.insert(rewards).values([...rw, ...manual]);
}

export async function one<T>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<T> {
  return rowsOf<T>(await db.execute(query))[0];
}
