import { randomBytes } from "node:crypto";
import { count } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import { leads, payouts, referrals, rewards } from "@/db/schema";
import type { ReferralStatus, RewardStatus } from "@/db/schema/enums";

/**
 * Rows arranged directly in the database for API tests that need something to act on (the engine's
 * own tests cover how these rows come about).
 */

const uniq = () => randomBytes(4).toString("hex");
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000);

let leadN = 0;
/** A body POST /api/v1/leads accepts (consent given), with a unique e-mail unless `extra` names one. */
export function apiLeadBody(extra: Record<string, unknown> = {}) {
  return {
    firstName: "Lena",
    lastName: "Lead",
    email: `lena${++leadN}.${uniq()}@example.com`,
    insuranceType: "home",
    consent: { given: true, textVersion: "crm-terms-7" },
    ...extra,
  };
}

export async function insertLead(db: Db, values: Partial<typeof leads.$inferInsert> = {}) {
  const [l] = await db
    .insert(leads)
    .values({
      firstName: "Lee",
      lastName: `Prospect ${uniq()}`,
      email: `lead-${uniq()}@example.net`,
      insuranceType: "AUTO",
      ...values,
    })
    .returning();
  return l;
}

export async function insertReferral(
  db: Db,
  partner: { id: string; code: string },
  values: Partial<typeof referrals.$inferInsert> & { status?: ReferralStatus } = {},
) {
  const [r] = await db
    .insert(referrals)
    .values({ partnerId: partner.id, referralCode: partner.code, expiresAt: inDays(90), ...values })
    .returning();
  return r;
}

export async function insertReward(
  db: Db,
  partnerId: string,
  values: Partial<typeof rewards.$inferInsert> & { status?: RewardStatus } = {},
) {
  const status = values.status ?? "CALCULATED";
  const [w] = await db
    .insert(rewards)
    .values({
      partnerId,
      type: "BONUS",
      status,
      amountCents: 10_000,
      reason: "fixture",
      calculatedAt: new Date(),
      ...values,
    })
    .returning();
  return w;
}

export async function insertPayout(db: Db, partnerId: string, values: Partial<typeof payouts.$inferInsert> = {}) {
  const [p] = await db
    .insert(payouts)
    .values({ partnerId, amountCents: 10_000, paymentMethod: "BANK_TRANSFER", ...values })
    .returning();
  return p;
}

export const futureDays = inDays;

/** How many rows each table holds, by the names given: `expect(await rowCounts(db, { leads })).toEqual(before)`. */
export async function rowCounts<T extends Record<string, PgTable>>(db: Db, tables: T) {
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = (await db.select({ n: count() }).from(table))[0].n;
  return out as Record<keyof T, number>;
}
