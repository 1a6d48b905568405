import { and, eq, isNull, or, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { riskSignals } from "@/db/schema";
import { enqueueWebhookEvents } from "@/lib/outbox/enqueue";
import type { RiskRules, SignalKind } from "./rules";

export type RiskSignal = typeof riskSignals.$inferSelect;
export interface FiredSignal {
  kind: SignalKind;
  evidence: Record<string, unknown>;
}

/** Open signals that count towards a referral's score: its own and its partner's (partner-level) ones. */
export const openSignalsOf = (referralId: string, partnerId: string) =>
  and(
    eq(riskSignals.status, "OPEN"),
    or(
      eq(riskSignals.referralId, referralId),
      and(isNull(riskSignals.referralId), eq(riskSignals.partnerId, partnerId)),
    ),
  );

export async function scoreOf(tx: DbOrTx, referralId: string, partnerId: string): Promise<number> {
  const [row] = rowsOf<{ score: number }>(
    await tx.execute(sql`
      select coalesce(sum(weight), 0)::int as score from risk_signals
      where status = 'OPEN' and (referral_id = ${referralId} or (referral_id is null and partner_id = ${partnerId}))`),
  );
  return Number(row?.score ?? 0);
}

/**
 * Stores fired signals with the weights in force and, when they lift the referral's score from below the
 * hold threshold to at least it, writes `referral.flagged` to the outbox. Returns the new score.
 */
export async function storeSignals(
  tx: DbOrTx,
  target: { referralId: string | null; partnerId: string },
  fired: FiredSignal[],
  scoreBefore: number,
  rules: RiskRules,
  now: Date,
  /** A REJECTED referral earns nothing: its signals are recorded, but it is not announced as flagged. */
  announce = true,
): Promise<number> {
  if (fired.length === 0) return scoreBefore;
  const rows = fired.map((f) => ({
    referralId: target.referralId,
    partnerId: target.partnerId,
    kind: f.kind,
    weight: rules.weights[f.kind],
    evidence: f.evidence,
    createdAt: now,
  }));
  const score = scoreBefore + rows.reduce((a, r) => a + r.weight, 0);
  const flagged =
    announce && target.referralId !== null && scoreBefore < rules.holdThreshold && score >= rules.holdThreshold;
  await Promise.all([
    tx.insert(riskSignals).values(rows),
    flagged
      ? enqueueWebhookEvents(tx, [
          {
            type: "referral.flagged",
            data: { referralId: target.referralId, partnerId: target.partnerId, score, flaggedAt: now.toISOString() },
          },
        ])
      : null,
  ]);
  return score;
}
