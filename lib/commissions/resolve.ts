import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import type { InsuranceType } from "@/db/schema/enums";
import { unlicensedInput } from "@/lib/compliance/unlicensed";
import type { CalculationInput, PlanDocument, PlanEvent, PlanVersionRef } from "./types";

interface Row {
  override_bps: number | null;
  version_id: string | null;
  plan_id: string | null;
  version: number | null;
  document: PlanDocument | string | null;
  insurance_type: InsuranceType | null;
  state: string | null;
}

/**
 * The partner's override and plan version in force at `at` (their plan, else the default plan), and the
 * lead's type and state: one statement on primary keys and commission_plan_versions_effective_idx, which
 * replaces the partner read conversion always made.
 */
export async function planAt(
  db: DbOrTx,
  partnerId: string,
  leadId: string | null,
  at: Date,
): Promise<{
  overrideBps: number | null;
  plan: PlanVersionRef | null;
  insuranceType: InsuranceType | null;
  state: string | null;
} | null> {
  const iso = at.toISOString();
  const [r] = rowsOf<Row>(
    await db.execute(sql`
      select p.commission_rate_bps as override_bps, v.id as version_id, v.plan_id, v.version, v.document,
        l.insurance_type, l.state
      from partners p
      left join lateral (
        select id, plan_id, version, document from commission_plan_versions
        where plan_id = coalesce(p.commission_plan_id, (select id from commission_plans where is_default))
          and effective_from <= ${iso}::timestamptz
        order by effective_from desc, version desc limit 1
      ) v on true
      left join leads l on l.id = ${leadId}::uuid
      where p.id = ${partnerId}::uuid`),
  );
  if (!r) return null;
  const plan =
    r.version_id && r.plan_id && r.version !== null && r.document
      ? {
          planId: r.plan_id,
          versionId: r.version_id,
          version: Number(r.version),
          document: (typeof r.document === "string" ? JSON.parse(r.document) : r.document) as PlanDocument,
        }
      : null;
  return {
    overrideBps: r.override_bps === null ? null : Number(r.override_bps),
    plan,
    insuranceType: r.insurance_type,
    state: r.state,
  };
}

const monthStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
const quarterStart = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), Math.floor(at.getUTCMonth() / 3) * 3, 1));

/** Start of the trailing tier window ending at `at`. */
export const tierWindowStart = (window: "QUARTER" | number, at: Date): Date =>
  window === "QUARTER" ? quarterStart(at) : new Date(at.getTime() - window * 86_400_000);

/**
 * The partner's trailing conversions and value (tier window) and month-to-date plan rewards before `at`:
 * one statement on rewards_partner_created_idx, run only when the plan has tiers or a monthly cap.
 */
export async function partnerMetrics(
  db: DbOrTx,
  partnerId: string,
  doc: PlanDocument,
  at: Date,
): Promise<Pick<CalculationInput, "trailing" | "monthToDateCents">> {
  const month = monthStart(at);
  const from = doc.tierBasis ? tierWindowStart(doc.tierBasis.window, at) : month;
  const since = from < month ? from : month;
  const [r] = rowsOf<{ mtd: string | number; conv: string | number; value: string | number }>(
    await db.execute(sql`
      select
        coalesce(sum(amount_cents) filter (where created_at >= ${month.toISOString()}::timestamptz and type in ('CONVERSION', 'LEAD')), 0) as mtd,
        count(*) filter (where created_at >= ${from.toISOString()}::timestamptz and type = 'CONVERSION') as conv,
        coalesce(sum(base_cents) filter (where created_at >= ${from.toISOString()}::timestamptz and type = 'CONVERSION'), 0) as value
      from rewards
      where partner_id = ${partnerId}::uuid and created_at >= ${since.toISOString()}::timestamptz
        and created_at < ${at.toISOString()}::timestamptz and status <> 'CANCELLED'`),
  );
  return {
    trailing: { conversions: Number(r?.conv ?? 0), valueCents: Number(r?.value ?? 0) },
    monthToDateCents: Number(r?.mtd ?? 0),
  };
}

const needsMetrics = (doc: PlanDocument) => (doc.tiers?.length ?? 0) > 0 || (doc.monthlyCapCents ?? null) !== null;

/** Everything `calculate` needs for one event of a partner at `at`: one query, two with tiers or a cap. */
export async function loadCalculationInput(
  db: DbOrTx,
  e: {
    partnerId: string;
    leadId: string | null;
    event: PlanEvent;
    valueCents: number | null;
    currency: string;
    at: Date;
  },
): Promise<CalculationInput> {
  const found = await planAt(db, e.partnerId, e.leadId, e.at);
  if (!found) throw new Error(`partner ${e.partnerId} missing`);
  const { overrideBps, plan, insuranceType, state } = found;
  const unlicensed = await unlicensedInput(db, { ...e, plan, insuranceType, state });
  const metrics =
    plan && !unlicensed && needsMetrics(plan.document)
      ? await partnerMetrics(db, e.partnerId, plan.document, e.at)
      : {};
  return {
    event: e.event,
    valueCents: e.valueCents,
    currency: e.currency,
    insuranceType,
    state,
    plan,
    overrideBps,
    ...metrics,
    ...(unlicensed ? { unlicensed } : {}),
  };
}
