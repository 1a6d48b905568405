import { and, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { partnerCodes, partners, referrals, REWARD_STATUSES, REWARD_TYPES, rewards } from "@/db/schema";
import type { RewardStatus } from "@/db/schema/enums";
import { csvEnum, listSchema, pageParams, uuidParam, type Scope } from "@/lib/query/list";
import { isUuid } from "@/lib/validation";
import { listFromSelect, listWhere, type SortKey } from "@/lib/query/run";

export const REWARD_SORTS = ["createdAt", "updatedAt", "amountCents", "holdUntil", "status"] as const;

/** Filters of GET /rewards (also the `filter` of bulk approve, without the page fields). */
export const rewardFilterShape = {
  status: csvEnum(REWARD_STATUSES).optional(),
  type: csvEnum(REWARD_TYPES).optional(),
  partnerId: uuidParam("partnerId").optional(),
  referralId: uuidParam("referralId").optional(),
  payoutId: uuidParam("payoutId").optional(),
  q: pageParams.q,
  from: pageParams.from,
  to: pageParams.to,
};

export const rewardListSchema = listSchema(rewardFilterShape, REWARD_SORTS);
export const rewardFilterSchema = z.object(rewardFilterShape).strict();

export type RewardFilter = z.output<typeof rewardFilterSchema>;
type Reward = typeof rewards.$inferSelect;

export interface RewardRow extends Reward {
  partnerName: string;
  referralCode: string | null;
}

const SORTS: Record<(typeof REWARD_SORTS)[number], SortKey> = {
  createdAt: { expr: rewards.createdAt, type: "timestamptz" },
  updatedAt: { expr: rewards.updatedAt, type: "timestamptz" },
  // Nullable columns sort through a non-null expression so keyset cursors stay exact.
  amountCents: { expr: sql`coalesce(${rewards.amountCents}, 0)`, type: "bigint" },
  holdUntil: { expr: sql`coalesce(${rewards.holdUntil}, '-infinity'::timestamptz)`, type: "timestamptz" },
  status: { expr: rewards.status, type: "reward_status" },
};

/**
 * WHERE of a reward filter within a scope: the one builder behind GET /rewards, bulk approve by filter,
 * the admin reward history and the approval queue. Join `partners` and `referrals` when `q` is set (see
 * `withRewardFilterJoins`).
 *
 * `q` (case-insensitive substring) searches the reward's referral code, reason, cancel reason and
 * transaction id, and an exact reward or referral id; in the admin scope also the partner's name
 * ("first last"), company, e-mail and every code the partner has held (current or old alias).
 */
export function rewardWhere(scope: Scope, f: Partial<RewardFilter>): SQL | undefined {
  return listWhere(f, {
    equal: [
      [rewards.partnerId, scope.partnerId],
      [rewards.partnerId, f.partnerId],
      [rewards.referralId, f.referralId],
      [rewards.payoutId, f.payoutId],
    ],
    oneOf: [
      [rewards.status, f.status],
      [rewards.type, f.type],
    ],
    range: rewards.createdAt,
    search: (like, q) =>
      or(
        ilike(referrals.referralCode, like),
        ilike(rewards.reason, like),
        ilike(rewards.cancelReason, like),
        ilike(rewards.transactionId, like),
        ...(isUuid(q) ? [eq(rewards.id, q), eq(rewards.referralId, q)] : []),
        ...(scope.partnerId
          ? []
          : [
              ilike(sql`${partners.firstName} || ' ' || ${partners.lastName}`, like),
              ilike(partners.companyName, like),
              ilike(partners.email, like),
              sql`exists (select 1 from ${partnerCodes} pc where pc.partner_id = ${rewards.partnerId} and pc.code ilike ${like})`,
            ]),
      ),
  });
}

export const rewardFilterNeedsJoin = (f: Partial<RewardFilter>) => Boolean(f.q);

/**
 * A query of `rewards` with the tables `rewardWhere` reads for this filter (`q` searches the partner and
 * the referral code): joined only when needed, so counts and set-based updates stay on `rewards` otherwise.
 * For queries with an explicit selection: the join adds no columns to their rows, hence the same type.
 */
export function withRewardFilterJoins<T extends PgSelect>(qb: T, f: Partial<RewardFilter>): T {
  if (!rewardFilterNeedsJoin(f)) return qb;
  return qb
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId)) as unknown as T;
}

/** A reward row's fields: the reward, its partner's name and its referral's code. */
const rowFields = {
  reward: rewards,
  pf: partners.firstName,
  pl: partners.lastName,
  referralCode: referrals.referralCode,
};
const rewardRow = (r: { reward: Reward; pf: string; pl: string; referralCode: string | null }): RewardRow => ({
  ...r.reward,
  partnerName: `${r.pf} ${r.pl}`,
  referralCode: r.referralCode,
});

/** Rewards matching the filters, newest first by default. Partner scope: only its own. */
export const listRewards = listFromSelect({
  schema: rewardListSchema,
  sorts: SORTS,
  idColumn: rewards.id,
  where: rewardWhere,
  select: (db, cursor) =>
    db
      .select({ ...rowFields, cursor })
      .from(rewards)
      .innerJoin(partners, eq(partners.id, rewards.partnerId))
      .leftJoin(referrals, eq(referrals.id, rewards.referralId))
      .$dynamic(),
  shape: (r) => rewardRow(r),
  countFrom: (db, params) => withRewardFilterJoins(db.select({ id: rewards.id }).from(rewards).$dynamic(), params),
});

/** One reward; null when absent or outside the scope (→ 404). */
export async function getReward(db: DbOrTx, scope: Scope, id: string): Promise<RewardRow | null> {
  if (!isUuid(id)) return null;
  const [r] = await db
    .select(rowFields)
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .where(and(eq(rewards.id, id), scope.partnerId ? eq(rewards.partnerId, scope.partnerId) : undefined));
  return r ? rewardRow(r) : null;
}

export type RewardTotals = Record<RewardStatus, { count: number; amountCents: number }>;

/** Count and amount per reward status (every status present) for the scope and optional filter. */
export async function rewardTotals(db: DbOrTx, scope: Scope, f: Partial<RewardFilter> = {}): Promise<RewardTotals> {
  const base = db
    .select({ status: rewards.status, n: count(), cents: sql<string>`coalesce(sum(${rewards.amountCents}), 0)` })
    .from(rewards)
    .$dynamic();
  const rows = await withRewardFilterJoins(base, f).where(rewardWhere(scope, f)).groupBy(rewards.status);
  const out = Object.fromEntries(REWARD_STATUSES.map((s) => [s, { count: 0, amountCents: 0 }])) as RewardTotals;
  for (const r of rows) out[r.status] = { count: Number(r.n), amountCents: Number(r.cents) };
  return out;
}
