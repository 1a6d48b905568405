import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { REWARD_STATUSES, type RewardStatus } from "@/db/schema/enums";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

/**
 * One partner's performance, the one definition behind GET /partners/{id}/performance and the admin's
 * partner page, with the figures of docs/domain-rules.md#figures. Computed from the rows (never from
 * rollups), for an optional period on `created_at`:
 * - `referrals`: referrals created in the period;
 * - `accepted`: those now ACCEPTED, CONVERTED or PAID (as every dashboard counts them);
 * - `conversions`: those now CONVERTED or PAID; `rejected`: now REJECTED;
 * - `conversionRate`: conversions ÷ referrals; 0, not null, when there are no referrals;
 * - `rewards`: count and amount per status of the rewards created in the period; `earnings` sums them as
 *   the partner sees them (pending = PENDING + CALCULATED).
 */
export interface PartnerPerformance {
  clicks: number;
  referrals: number;
  accepted: number;
  conversions: number;
  rejected: number;
  conversionRate: number;
  conversionValueCents: number;
  rewards: Record<RewardStatus, { count: number; amountCents: number }>;
  earnings: { pendingCents: number; approvedCents: number; paidCents: number };
}

export async function partnerPerformance(
  db: DbOrTx,
  partnerId: string,
  period: { from?: Date; to?: Date } = {},
): Promise<PartnerPerformance> {
  if (!isUuid(partnerId)) throw notFound("Partner");
  const from = (period.from ?? new Date(0)).toISOString();
  const to = (period.to ?? new Date("9999-12-31T00:00:00Z")).toISOString();
  const inPeriod = sql`created_at >= ${from}::timestamptz and created_at < ${to}::timestamptz`;
  const [counts, byStatus] = await Promise.all([
    db.execute(sql`
      select
        (select count(*) from partners where id = ${partnerId}) as found,
        (select count(*) from referral_clicks where partner_id = ${partnerId} and valid and ${inPeriod}) as clicks,
        count(*) as referrals,
        count(*) filter (where status in ('ACCEPTED', 'CONVERTED', 'PAID')) as accepted,
        count(*) filter (where status in ('CONVERTED', 'PAID')) as conversions,
        count(*) filter (where status = 'REJECTED') as rejected,
        coalesce(sum(conversion_value_cents) filter (where status in ('CONVERTED', 'PAID')), 0) as value
      from referrals where partner_id = ${partnerId} and ${inPeriod}`),
    db.execute(sql`
      select status, count(*) as n, coalesce(sum(amount_cents), 0) as amount
      from rewards where partner_id = ${partnerId} and ${inPeriod} group by status`),
  ]);
  const [r] = rowsOf<Record<string, string | number>>(counts);
  if (!r || Number(r.found) === 0) throw notFound("Partner");
  const rewards = Object.fromEntries(
    REWARD_STATUSES.map((s) => [s, { count: 0, amountCents: 0 }]),
  ) as PartnerPerformance["rewards"];
  for (const row of rowsOf<{ status: RewardStatus; n: string | number; amount: string | number }>(byStatus))
    rewards[row.status] = { count: Number(row.n), amountCents: Number(row.amount) };
  const referrals = Number(r.referrals);
  const conversions = Number(r.conversions);
  return {
    clicks: Number(r.clicks),
    referrals,
    accepted: Number(r.accepted),
    conversions,
    rejected: Number(r.rejected),
    conversionRate: referrals === 0 ? 0 : conversions / referrals,
    conversionValueCents: Number(r.value),
    rewards,
    earnings: {
      pendingCents: rewards.PENDING.amountCents + rewards.CALCULATED.amountCents,
      approvedCents: rewards.APPROVED.amountCents,
      paidCents: rewards.PAID.amountCents,
    },
  };
}
