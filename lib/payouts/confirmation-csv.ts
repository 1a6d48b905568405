import Papa from "papaparse";
import { PAYMENT_METHODS, type PaymentMethod } from "@/db/schema/enums";
import { isUuid } from "@/lib/validation";

/**
 * The bank's confirmation file: one row per payout with what happened to it (docs/payouts.md).
 * Columns (header names in any case, spaces or underscores): payout_id, status (PAID or FAILED),
 * transaction_id (needed when PAID), failure_reason (needed when FAILED), payment_method (optional).
 * The payout export's own file is accepted too: it carries the same column names.
 */
export const CONFIRMATION_COLUMNS = ["payout_id", "status", "transaction_id", "failure_reason", "payment_method"];
export const MAX_CONFIRMATION_ROWS = 5000;

export interface ConfirmationRow {
  /** The file's line number (the header is line 1), so people can find the row in their spreadsheet. */
  line: number;
  payoutId: string;
  status: "PAID" | "FAILED";
  transactionId: string | null;
  failureReason: string | null;
  paymentMethod: PaymentMethod | null;
}
export interface ConfirmationRowError {
  line: number;
  payoutId: string | null;
  message: string;
}
export type ParsedConfirmation =
  { ok: true; rows: ConfirmationRow[]; errors: ConfirmationRowError[] } | { ok: false; problem: string };

const key = (h: string) => h.toLowerCase().replace(/[^a-z]/g, "");
const COLUMN_BY_KEY: Record<string, keyof RawRow> = {
  payoutid: "payoutId",
  id: "payoutId",
  status: "status",
  transactionid: "transactionId",
  transaction: "transactionId",
  reference: "transactionId",
  failurereason: "failureReason",
  reason: "failureReason",
  paymentmethod: "paymentMethod",
  method: "paymentMethod",
};
type RawRow = {
  payoutId?: string;
  status?: string;
  transactionId?: string;
  failureReason?: string;
  paymentMethod?: string;
};

/** Reads the file (papaparse) and checks every row on its own; nothing here touches the database. */
export function parseConfirmationCsv(text: string): ParsedConfirmation {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...body] = parsed.data;
  if (!header || header.length === 0) return { ok: false, problem: "The file is empty." };
  const columns = header.map((h) => COLUMN_BY_KEY[key(h)]);
  if (!columns.includes("payoutId") || !columns.includes("status"))
    return {
      ok: false,
      problem: `The first line must name the columns: payout_id and status are needed, transaction_id and failure_reason as they apply (found: ${header.join(", ")}).`,
    };
  if (body.length === 0) return { ok: false, problem: "The file has a header but no rows." };
  if (body.length > MAX_CONFIRMATION_ROWS)
    return { ok: false, problem: `The file has ${body.length} rows; at most ${MAX_CONFIRMATION_ROWS} at a time.` };

  const rows: ConfirmationRow[] = [];
  const errors: ConfirmationRowError[] = [];
  const firstLineOf = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const raw: RawRow = {};
    columns.forEach((c, j) => {
      const v = cells[j]?.trim();
      if (c && v && raw[c] === undefined) raw[c] = v;
    });
    const res = checkRow(line, raw);
    if ("message" in res) return errors.push(res);
    const first = firstLineOf.get(res.payoutId);
    if (first !== undefined)
      return errors.push({ line, payoutId: res.payoutId, message: `This payout is already on line ${first}.` });
    firstLineOf.set(res.payoutId, line);
    rows.push(res);
  });
  return { ok: true, rows, errors };
}

function checkRow(line: number, raw: RawRow): ConfirmationRow | ConfirmationRowError {
  const payoutId = raw.payoutId ?? null;
  const fail = (message: string) => ({ line, payoutId, message });
  if (!payoutId) return fail("The payout id is missing.");
  if (!isUuid(payoutId)) return fail(`"${payoutId}" is not a payout id.`);
  const status = raw.status?.toUpperCase();
  if (status !== "PAID" && status !== "FAILED")
    return fail(raw.status ? `The status "${raw.status}" is neither PAID nor FAILED.` : "The status is missing.");
  const method = raw.paymentMethod?.toUpperCase().replace(/[\s-]+/g, "_");
  if (method && !(PAYMENT_METHODS as readonly string[]).includes(method))
    return fail(`The payment method "${raw.paymentMethod}" is not one we pay with.`);
  if (status === "PAID" && !raw.transactionId) return fail("A paid row needs the bank's transaction id.");
  if (status === "FAILED" && !raw.failureReason) return fail("A failed row needs the failure reason.");
  if ((raw.transactionId?.length ?? 0) > 200) return fail("The transaction id is longer than 200 characters.");
  if ((raw.failureReason?.length ?? 0) > 500) return fail("The failure reason is longer than 500 characters.");
  return {
    line,
    payoutId: payoutId.toLowerCase(),
    status,
    transactionId: status === "PAID" ? raw.transactionId! : null,
    failureReason: status === "FAILED" ? raw.failureReason! : null,
    paymentMethod: (method as PaymentMethod | undefined) ?? null,
  };
}
