import "server-only";
import { and, asc, eq, gte, lt } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { leads, partners, payouts, referrals, rewards } from "@/db/schema";
import { toCsv } from "@/lib/csv";
import { AppError } from "@/lib/errors";
import { fromParam, toParam } from "@/lib/query/list";
import { licenceStatuses, type ExportLicenceStatus } from "./licence-status";

/** The most rows one export answers; a longer period is refused with the field named. */
export const COMPENSATION_MAX_ROWS = 100_000;

export const compensationQuerySchema = z
  .object({
    from: fromParam,
    to: toParam,
    format: z.enum(["json", "csv"]).default("json"),
    /** `1`: sent as an attachment (the console's download). */
    download: z.enum(["0", "1"]).optional(),
  })
  .strict()
  .refine((q) => q.from < q.to, { message: "to must not be before from", path: ["to"] });
export type CompensationQuery = z.infer<typeof compensationQuerySchema>;

export interface CompensationRow {
  rewardId: string;
  type: string;
  status: string;
  eventAt: Date;
  partnerId: string;
  partnerName: string;
  npn: string | null;
  /** Licence for the lead's state and line at the event (docs/compliance.md#compensation-export). */
  licenceStatus: ExportLicenceStatus;
  licenceNumber: string | null;
  leadId: string | null;
  line: string | null;
  state: string | null;
  planName: string | null;
  planVersion: number | null;
  ruleId: string | null;
  /** The stored explanation: the plan rule, the unlicensed fee rule, or the clawback's calculation. */
  rule: string | null;
  clawsBackRewardId: string | null;
  baseCents: number | null;
  amountCents: number | null;
  currency: string;
  payoutId: string | null;
  payoutStatus: string | null;
  paidAt: Date | null;
}

/**
 * Every reward and clawback created in [from, to), oldest first, with the partner, the lead, the rule that
 * applied and the payout that carried it: what a regulator or carrier asks for (docs/compliance.md#compensation-export).
 */
export async function compensationReport(
  db: DbOrTx,
  q: Pick<CompensationQuery, "from" | "to">,
): Promise<CompensationRow[]> {
  const rows = await db
    .select({
      r: rewards,
      firstName: partners.firstName,
      lastName: partners.lastName,
      companyName: partners.companyName,
      npn: partners.npn,
      leadId: leads.id,
      line: leads.insuranceType,
      state: leads.state,
      payoutStatus: payouts.status,
      payoutPaidAt: payouts.paidAt,
    })
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .leftJoin(leads, eq(leads.id, referrals.leadId))
    .leftJoin(payouts, eq(payouts.id, rewards.payoutId))
    .where(and(gte(rewards.createdAt, q.from), lt(rewards.createdAt, q.to)))
    .orderBy(asc(rewards.createdAt), asc(rewards.id))
    .limit(COMPENSATION_MAX_ROWS + 1);
  if (rows.length > COMPENSATION_MAX_ROWS)
    throw new AppError(
      "validation",
      `More than ${COMPENSATION_MAX_ROWS.toLocaleString("en-US")} rewards in the period: narrow it`,
      {
        errors: [{ path: "to", message: "Narrow the period" }],
      },
    );
  const licence = await licenceStatuses(
    db,
    rows.map((x) => x.r.partnerId),
  );
  return rows.map(({ r, ...x }) => {
    const lic = licence(r.partnerId, x.state, x.line, r.createdAt);
    return {
      rewardId: r.id,
      type: r.type,
      status: r.status,
      eventAt: r.createdAt,
      partnerId: r.partnerId,
      partnerName: `${x.firstName} ${x.lastName}${x.companyName ? ` (${x.companyName})` : ""}`,
      npn: x.npn,
      licenceStatus: lic.status,
      licenceNumber: lic.number,
      leadId: x.leadId,
      line: x.line,
      state: x.state,
      planName: r.calculation?.planName ?? null,
      planVersion: r.calculation?.planVersion ?? null,
      ruleId: r.calculation?.ruleId ?? null,
      rule: r.calculation?.explanation ?? r.clawback?.explanation ?? r.reason ?? null,
      clawsBackRewardId: r.adjustsRewardId,
      baseCents: r.baseCents,
      amountCents: r.amountCents,
      currency: r.currency,
      payoutId: r.payoutId,
      payoutStatus: x.payoutStatus,
      paidAt: x.payoutStatus === "PAID" ? x.payoutPaidAt : null,
    };
  });
}

export const COMPENSATION_COLUMNS = [
  "rewardId",
  "type",
  "status",
  "eventAt",
  "partnerId",
  "partnerName",
  "npn",
  "licenceStatus",
  "licenceNumber",
  "leadId",
  "line",
  "state",
  "planName",
  "planVersion",
  "ruleId",
  "rule",
  "clawsBackRewardId",
  "baseCents",
  "amountCents",
  "currency",
  "payoutId",
  "payoutStatus",
  "paidAt",
] as const satisfies readonly (keyof CompensationRow)[];

export const compensationCsv = (rows: CompensationRow[]) => toCsv(COMPENSATION_COLUMNS, rows);
