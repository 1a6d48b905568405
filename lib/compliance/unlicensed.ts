import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import type { InsuranceType } from "@/db/schema/enums";
import type { PlanEvent, PlanVersionRef, UnlicensedInput } from "@/lib/commissions/types";
import { getSettings } from "@/lib/settings";
import { describeLicenceStatus, licenceStatusAt, lineOfInsuranceType } from "./licences";
import { stateRuleFor } from "./state-rules";

/** The key of a qualification reward (a plan lead fee or a referral fee): at most one per referral. */
export const qualificationKey = (referralId: string) => `qualified:${referralId}`;

const yearBounds = (at: Date) => [
  new Date(Date.UTC(at.getUTCFullYear(), 0, 1)),
  new Date(Date.UTC(at.getUTCFullYear() + 1, 0, 1)),
];

/**
 * Referral fees already earned (not cancelled) under `ruleState`'s rule in `at`'s calendar year (UTC) for the
 * person of `leadId`: any lead with the same e-mail or phone, any partner. Takes a transaction lock per
 * e-mail and phone first, so two fees for one person cannot both fit under the cap.
 */
async function personYearCents(db: DbOrTx, leadId: string, ruleState: string, at: Date): Promise<number> {
  const [person] = rowsOf<{ email: string | null; phone: string | null }>(
    await db.execute(sql`select email, phone from leads where id = ${leadId}::uuid`),
  );
  if (!person || (!person.email && !person.phone)) return 0;
  const keys = [person.email && `e:${person.email}`, person.phone && `p:${person.phone}`]
    .filter(Boolean)
    .sort() as string[];
  for (const k of keys)
    await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`referral-fee:${ruleState}:${k}`}, 0))`);
  const [y0, y1] = yearBounds(at);
  const [r] = rowsOf<{ cents: string | number }>(
    await db.execute(sql`
      select coalesce(sum(r.amount_cents), 0) as cents
      from leads l
      join referrals f on f.lead_id = l.id
      join rewards r on r.unique_key = 'qualified:' || f.id::text
      where (l.email = ${person.email} or l.phone = ${person.phone})
        and r.type = 'REFERRAL_FEE' and r.status <> 'CANCELLED'
        and r.created_at >= ${y0.toISOString()}::timestamptz and r.created_at < ${y1.toISOString()}::timestamptz
        and r.calculation->'licence'->>'ruleState' = ${ruleState}`),
  );
  return Number(r?.cents ?? 0);
}

/**
 * The unlicensed branch's input for one event, or undefined when it does not apply: no enforced rule for
 * the lead's state (the program default: today's behaviour), or the partner licensed for the lead's state
 * and line at the event (docs/compliance.md#state-rules). Reads the settings row, and the licence only
 * under an enforced rule.
 */
export async function unlicensedInput(
  db: DbOrTx,
  e: {
    partnerId: string;
    leadId: string | null;
    event: PlanEvent;
    at: Date;
    plan: PlanVersionRef | null;
    insuranceType: InsuranceType | null;
    state: string | null;
  },
): Promise<UnlicensedInput | undefined> {
  const settings = await getSettings(db);
  const rule = stateRuleFor(settings.licenceStateRules ?? [], e.state);
  if (!rule) return undefined;
  const line = lineOfInsuranceType(e.insuranceType);
  let why = "the lead has no state";
  if (e.state) {
    const status = await licenceStatusAt(db, e.partnerId, e.state, line, e.at);
    if (status.licensed) return undefined;
    why = describeLicenceStatus(status, e.state, line);
  }
  const planFee = e.plan?.document.unlicensedReferralFeeCents ?? null;
  const programFee = settings.unlicensedReferralFeeCents ?? null;
  const feeCents = planFee ?? programFee;
  const needsYear = e.event === "QUALIFIED" && rule.annualCapPerPersonCents !== null && e.leadId && feeCents;
  return {
    rule,
    why,
    feeCents,
    feeSource: planFee !== null ? "PLAN" : programFee !== null ? "PROGRAM" : null,
    personYearCents: needsYear ? await personYearCents(db, e.leadId!, rule.state, e.at) : 0,
    year: e.at.getUTCFullYear(),
  };
}
