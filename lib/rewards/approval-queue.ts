import "server-only";
import { and, asc, count, eq, sql, sum, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { partners, referrals, rewards } from "@/db/schema";
import { dueSql, heldSql, isHeld } from "@/lib/rewards/core";
import { rewardFilterShape, rewardWhere } from "@/lib/rewards/queries";
import { pageParams, parseList, type ListResult, type RawListInput } from "@/lib/query/list";

export const QUEUE_VIEWS = ["due", "held", "all"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];

const { type, partnerId, q, from, to } = rewardFilterShape;

/**
 * The approval queue: rewards in `CALCULATED`, oldest first. `due` = hold passed (approvable now),
 * `held` = hold still running (approval needs an override with a reason), `all` = both. The other
 * filters are GET /rewards' own (same names, parsing and `q` columns), so the queue shows exactly what
 * GET /rewards?status=CALCULATED shows for them, narrowed by the view's hold condition.
 */
export const approvalQueueFilterSchema = z
  .object({
    view: z.enum(QUEUE_VIEWS).default("due"),
    type,
    partnerId,
    q,
    from,
    to,
    page: pageParams.page,
    pageSize: pageParams.pageSize,
  })
  .strict();

export type ApprovalQueueFilter = z.input<typeof approvalQueueFilterSchema>;

export interface QueueRow {
  id: string;
  type: string;
  amountCents: number | null;
  currency: string;
  rateBps: number | null;
  baseCents: number | null;
  holdUntil: Date | null;
  /** Why the time hold is what it is (lib/rewards/hold.ts). */
  holdReason: string | null;
  held: boolean;
  /** Held for a fraud review: only a decision on /admin/review releases it. */
  underReview: boolean;
  createdAt: Date;
  calculatedAt: Date | null;
  partnerId: string;
  partnerName: string;
  partnerCompany: string | null;
  referralId: string | null;
  referralCode: string | null;
  leadId: string | null;
  /** The calculation's one-line explanation (docs/commissions.md#the-calculation), else a manual reward's reason. */
  explanation: string | null;
}

export interface QueueSummary {
  count: number;
  amountCents: number;
}

function whereOf(f: z.infer<typeof approvalQueueFilterSchema>, now: Date): SQL | undefined {
  const hold = f.view === "due" ? dueSql(now) : f.view === "held" ? heldSql(now) : undefined;
  const filter = {
    status: ["CALCULATED" as const],
    type: f.type,
    partnerId: f.partnerId,
    q: f.q,
    from: f.from,
    to: f.to,
  };
  return and(rewardWhere({}, filter), hold);
}

/** One page of the queue plus the count and total of everything matching (for "approve all"). */
export async function listApprovalQueue(
  db: DbOrTx,
  input: ApprovalQueueFilter,
  now = new Date(),
): Promise<ListResult<QueueRow> & { summary: QueueSummary }> {
  const f = parseList(approvalQueueFilterSchema, input as RawListInput);
  const where = whereOf(f, now);
  const base = db
    .select({
      id: rewards.id,
      type: rewards.type,
      amountCents: rewards.amountCents,
      currency: rewards.currency,
      rateBps: rewards.rateBps,
      baseCents: rewards.baseCents,
      holdUntil: rewards.holdUntil,
      holdReason: rewards.holdReason,
      reviewHold: rewards.reviewHold,
      createdAt: rewards.createdAt,
      calculatedAt: rewards.calculatedAt,
      partnerId: rewards.partnerId,
      firstName: partners.firstName,
      lastName: partners.lastName,
      partnerCompany: partners.companyName,
      referralId: rewards.referralId,
      referralCode: referrals.referralCode,
      leadId: referrals.leadId,
      explanation: sql<string | null>`coalesce(${rewards.calculation}->>'explanation', ${rewards.reason})`,
    })
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .where(where)
    .orderBy(asc(rewards.createdAt), asc(rewards.id))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
  const totals = db
    .select({ n: count(), amount: sum(rewards.amountCents).mapWith(Number) })
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .where(where);
  const [rows, [t]] = await Promise.all([base, totals]);
  const data = rows.map(({ firstName, lastName, reviewHold, ...r }) => ({
    ...r,
    partnerName: `${firstName} ${lastName}`,
    held: isHeld({ holdUntil: r.holdUntil, reviewHold }, now),
    underReview: reviewHold,
  }));
  return {
    data,
    pagination: { page: f.page, pageSize: f.pageSize, total: t.n, nextCursor: null },
    summary: { count: t.n, amountCents: t.amount ?? 0 },
  };
}

/** Ids of every reward matching the filter (all pages), oldest first, capped: the UI approves them in chunks. */
export async function approvalQueueIds(
  db: DbOrTx,
  input: ApprovalQueueFilter,
  cap = 10_000,
  now = new Date(),
): Promise<string[]> {
  const f = parseList(approvalQueueFilterSchema, { ...input, page: 1 } as RawListInput);
  const rows = await db
    .select({ id: rewards.id })
    .from(rewards)
    .innerJoin(partners, eq(partners.id, rewards.partnerId))
    .leftJoin(referrals, eq(referrals.id, rewards.referralId))
    .where(whereOf(f, now))
    .orderBy(asc(rewards.createdAt), asc(rewards.id))
    .limit(cap);
  return rows.map((r) => r.id);
}
