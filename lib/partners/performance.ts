import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export interface PartnerPerformance {
  clicks: number;
  referrals: number;
  accepted: number;
  conversions: number;
  /** Conversions ÷ referrals created in the period (0 when none), as in CONTRACT. */
  conversionRate: number;
  earnings: { pendingCents: number; approvedCents: number; paidCents: number };
}

/**
 * Computed from the rows (never from rollups), for one partner and an optional period on created_at.
 * accepted = referrals that reached ACCEPTED or beyond; conversions = now CONVERTED or PAID;
 * earnings pending = PENDING + CALCULATED rewards.
 */
export async function partnerPerformance(
  db: DbOrTx,
  partnerId: string,
  period: { from?: Date; to?: Date } = {},
): Promise<PartnerPerformance> {
  if (!isUuid(partnerId)) throw notFound("Partner");
  const from = period.from ?? new Date(0);
  const to = period.to ?? new Date("9999-12-31T00:00:00Z");
  const [fromIso, toIso] = [from.toISOString(), to.toISOString()];
  const [r] = rowsOf<Record<string, string | number | null>>(
    await db.execute(sql`
      select
        (select count(*) from partners where id = ${partnerId}) as found,
        (select count(*) from referral_clicks where partner_id = ${partnerId} and valid and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz) as clicks,
        (select count(*) from referrals where partner_id = ${partnerId} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz) as referrals,
        (select count(*) from referrals where partner_id = ${partnerId} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
           and (status in ('ACCEPTED','CONVERTED','PAID') or accepted_at is not null)) as accepted,
        (select count(*) from referrals where partner_id = ${partnerId} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
           and status in ('CONVERTED','PAID')) as conversions,
        (select coalesce(sum(amount_cents), 0) from rewards where partner_id = ${partnerId} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
           and status in ('PENDING','CALCULATED')) as pending,
        (select coalesce(sum(amount_cents), 0) from rewards where partner_id = ${partnerId} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
           and status = 'APPROVED') as approved,
        (select coalesce(sum(amount_cents), 0) from rewards where partner_id = ${partnerId} and created_at >= ${fromIso}::timestamptz and created_at < ${toIso}::timestamptz
           and status = 'PAID') as paid`),
  );
  if (!r || Number(r.found) === 0) throw notFound("Partner");
  const referrals = Number(r.referrals);
  const conversions = Number(r.conversions);
  return {
    clicks: Number(r.clicks),
    referrals,
    accepted: Number(r.accepted),
    conversions,
    conversionRate: referrals === 0 ? 0 : conversions / referrals,
    earnings: { pendingCents: Number(r.pending), approvedCents: Number(r.approved), paidCents: Number(r.paid) },
  };
}
