import { eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payoutTraces, payouts } from "@/db/schema";
import type { PaymentMethod } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import {
  checkRows,
  parseConfirmationCsv,
  type ConfirmationRow,
  type ConfirmationRowError,
  type RawRow,
} from "./confirmation-csv";
import { markPayoutFailed, markPayoutPaid } from "./service";

/** What a row did (apply) or would do (preview). `unchanged` = the payout already says what the row says. */
export type ConfirmationOutcome = "paid" | "failed" | "unchanged" | "error";
export interface ConfirmationResult {
  line: number;
  payoutId: string | null;
  partnerName: string | null;
  amountCents: number | null;
  currency: string | null;
  outcome: ConfirmationOutcome;
  message: string;
}
export interface ConfirmationReport {
  /** A problem with the whole file (no header, too many rows): then `rows` is empty. */
  problem: string | null;
  rows: ConfirmationResult[];
  counts: Record<ConfirmationOutcome, number>;
}

/** A bank's confirmation or returns: the CSV text, or rows as objects (the API's JSON). */
export type ConfirmationInput = string | { csv: string } | { rows: RawRow[] };
type Resolved = ConfirmationRow & { payoutId: string };

type Current = Awaited<ReturnType<typeof loadPayouts>> extends Map<string, infer V> ? V : never;

async function loadPayouts(db: DbOrTx, ids: string[]) {
  const rows = ids.length
    ? await db
        .select({
          id: payouts.id,
          status: payouts.status,
          paymentMethod: payouts.paymentMethod,
          transactionId: payouts.transactionId,
          failureReason: payouts.failureReason,
          amountCents: payouts.amountCents,
          currency: payouts.currency,
          partnerMethod: partners.payoutMethod,
          partnerName: sql<string>`${partners.firstName} || ' ' || ${partners.lastName}`,
        })
        .from(payouts)
        .innerJoin(partners, eq(partners.id, payouts.partnerId))
        .where(inArray(payouts.id, ids))
    : [];
  return new Map(rows.map((r) => [r.id, r]));
}

/** The method a paid row records: the file's, else the one already on the payout, else the partner's. */
const methodOf = (row: Resolved, p: Current): PaymentMethod =>
  row.paymentMethod ?? p.paymentMethod ?? p.partnerMethod ?? "BANK_TRANSFER";

/** What the row would do to the payout as it is now (the same rules the guarded transitions apply). */
function judge(row: Resolved, p: Current | undefined): { outcome: ConfirmationOutcome; message: string } {
  if (!p) return { outcome: "error", message: "No payout has this id." };
  if (row.status === "PAID") {
    if (p.status === "PAID")
      return p.transactionId === row.transactionId && p.paymentMethod === methodOf(row, p)
        ? { outcome: "unchanged", message: `Already paid with transaction id ${p.transactionId}.` }
        : { outcome: "error", message: `Already paid with another transaction id (${p.transactionId}).` };
    if (p.status === "FAILED")
      return { outcome: "error", message: "This payout is recorded as failed; its rewards wait for a later batch." };
    return { outcome: "paid", message: `Paid with transaction id ${row.transactionId}.` };
  }
  if (p.status === "FAILED")
    return p.failureReason === row.failureReason
      ? { outcome: "unchanged", message: "Already recorded as failed for this reason." }
      : { outcome: "error", message: `Already recorded as failed for another reason (${p.failureReason}).` };
  if (p.status === "PAID")
    return { outcome: "error", message: `Already paid (transaction id ${p.transactionId}); it cannot fail now.` };
  return { outcome: "failed", message: `Failed: ${row.failureReason}. Its rewards go back to Approved.` };
}

function report(problem: string | null, rows: ConfirmationResult[]): ConfirmationReport {
  const counts = { paid: 0, failed: 0, unchanged: 0, error: 0 };
  for (const r of rows) counts[r.outcome]++;
  return { problem, rows: rows.sort((a, b) => a.line - b.line), counts };
}

async function evaluate(db: DbOrTx, input: ConfirmationInput) {
  const parsed =
    typeof input === "string"
      ? parseConfirmationCsv(input)
      : "csv" in input
        ? parseConfirmationCsv(input.csv)
        : checkRows(input.rows);
  if (!parsed.ok) return { problem: parsed.problem, rows: [], errors: [], current: new Map() as Map<string, Current> };
  // Rows that name a trace number (an ACH returns file) find their payout through the trace it was given.
  const traces = parsed.rows.flatMap((r) => (r.payoutId ? [] : [r.traceNumber!]));
  const byTrace = new Map(
    traces.length
      ? (await db.select().from(payoutTraces).where(inArray(payoutTraces.traceNumber, traces))).map((t) => [
          t.traceNumber,
          t.payoutId,
        ])
      : [],
  );
  const rows: Resolved[] = [];
  const errors: ConfirmationRowError[] = [...parsed.errors];
  const lineOf = new Map<string, number>();
  for (const r of parsed.rows) {
    const payoutId = r.payoutId ?? byTrace.get(r.traceNumber!);
    if (!payoutId)
      errors.push({ line: r.line, payoutId: null, message: `No payout has the trace number ${r.traceNumber}.` });
    else if (lineOf.has(payoutId))
      errors.push({ line: r.line, payoutId, message: `This payout is already on line ${lineOf.get(payoutId)}.` });
    else {
      lineOf.set(payoutId, r.line);
      rows.push({ ...r, payoutId });
    }
  }
  return {
    problem: null,
    rows,
    errors,
    current: await loadPayouts(
      db,
      rows.map((r) => r.payoutId),
    ),
  };
}

const resultOf = (row: { line: number; payoutId: string | null }, p: Current | undefined) => ({
  line: row.line,
  payoutId: row.payoutId,
  partnerName: p?.partnerName ?? null,
  amountCents: p?.amountCents ?? null,
  currency: p?.currency ?? null,
});

/** Preview: what applying the file would do, row by row. Writes nothing. */
export async function previewPaymentConfirmation(db: DbOrTx, input: ConfirmationInput): Promise<ConfirmationReport> {
  const { problem, rows, errors, current } = await evaluate(db, input);
  return report(problem, [
    ...errors.map((e) => ({ ...resultOf(e, undefined), outcome: "error" as const, message: e.message })),
    ...rows.map((r) => ({ ...resultOf(r, current.get(r.payoutId)), ...judge(r, current.get(r.payoutId)) })),
  ]);
}

/**
 * Applies the file in one transaction: each row is the same guarded transition as recording one payment
 * by hand (audit event and outbox row included), run in a savepoint of its own, so a bad row fails alone
 * with its message and the others commit together. Applying a file twice, or two uploads at once, pays or
 * fails each payout once; the second time its rows answer `unchanged`.
 */
export async function applyPaymentConfirmation(
  db: DbOrTx,
  input: ConfirmationInput,
  actor: Actor,
): Promise<ConfirmationReport> {
  return db.transaction(async (tx) => {
    const { problem, rows, errors, current } = await evaluate(tx, input);
    const results: ConfirmationResult[] = errors.map((e) => ({
      ...resultOf(e, undefined),
      outcome: "error" as const,
      message: e.message,
    }));
    for (const row of rows) {
      const p = current.get(row.payoutId);
      const planned = judge(row, p);
      if (!p || planned.outcome === "error" || planned.outcome === "unchanged") {
        results.push({ ...resultOf(row, p), ...planned });
        continue;
      }
      results.push({ ...resultOf(row, p), ...(await applyRow(tx, row, p, actor)) });
    }
    return report(problem, results);
  });
}

async function applyRow(db: DbOrTx, row: Resolved, p: Current, actor: Actor) {
  try {
    if (row.status === "PAID") {
      const res = await markPayoutPaid(
        db,
        row.payoutId,
        { paymentMethod: methodOf(row, p), transactionId: row.transactionId! },
        actor,
      );
      return res.replayed ? judge(row, { ...p, ...res.payout }) : judge(row, p);
    }
    await markPayoutFailed(db, row.payoutId, { reason: row.failureReason! }, actor);
    return judge(row, p);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // Someone else moved the payout meanwhile (a second upload, a click): say what it is now.
    const [now] = (await loadPayouts(db, [row.payoutId])).values();
    const again = judge(row, now);
    return again.outcome === "paid" || again.outcome === "failed"
      ? { outcome: "error" as const, message: e.message }
      : again;
  }
}
