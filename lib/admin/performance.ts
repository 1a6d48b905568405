import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { REWARD_STATUSES, type RewardStatus } from "@/db/schema";

export interface PartnerPerformance {
  clicks: number;
  referrals: number;
  accepted: number;
  converted: number;
  rejected: number;
  conversionRate: number | null;
  conversionValueCents: number;
  rewards: Record<RewardStatus, { count: number; amountCents: number }>;
  paidOutCents: number;
}

/**
 * A partner's performance computed from the rows through the partner indexes (one partner is small).
 * Conversion rate follows CONTRACT: referrals now CONVERTED or PAID ÷ referrals created.
 */
export async function partnerPerformance(db: DbOrTx, partnerId: string): Promise<PartnerPerformance> {
  const [clicks, refs, rew, paid] = await Promise.all([
    db.execute(sql`select count(*)::int as n from referral_clicks where partner_id = ${partnerId} and valid`),
    db.execute(sql`
      select count(*)::int as total,
        count(*) filter (where status = 'ACCEPTED' or accepted_at is not null)::int as accepted,
        count(*) filter (where status in ('CONVERTED', 'PAID'))::int as converted,
        count(*) filter (where status = 'REJECTED')::int as rejected,
        coalesce(sum(conversion_value_cents) filter (where status in ('CONVERTED', 'PAID')), 0)::text as value
      from referrals where partner_id = ${partnerId}`),
    db.execute(
      sql`select status, count(*)::int as n, coalesce(sum(amount_cents), 0)::text as amount from rewards where partner_id = ${partnerId} group by status`,
    ),
    db.execute(
      sql`select coalesce(sum(amount_cents), 0)::text as amount from payouts where partner_id = ${partnerId} and status = 'PAID'`,
    ),
  ]);
  const r = rowsOf<{ total: number; accepted: number; converted: number; rejected: number; value: string }>(refs)[0];
  const rewards = Object.fromEntries(
    REWARD_STATUSES.map((s) => [s, { count: 0, amountCents: 0 }]),
  ) as PartnerPerformance["rewards"];
  for (const row of rowsOf<{ status: RewardStatus; n: number; amount: string }>(rew))
    rewards[row.status] = { count: row.n, amountCents: Number(row.amount) };
  return {
    clicks: rowsOf<{ n: number }>(clicks)[0].n,
    referrals: r.total,
    accepted: r.accepted,
    converted: r.converted,
    rejected: r.rejected,
    conversionRate: r.total ? r.converted / r.total : null,
    conversionValueCents: Number(r.value),
    rewards,
    paidOutCents: Number(rowsOf<{ amount: string }>(paid)[0].amount),
  };
}
