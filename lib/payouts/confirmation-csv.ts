import Papa from "papaparse";
import { PAYMENT_METHODS, type PaymentMethod } from "@/db/schema/enums";
import { isUuid } from "@/lib/validation";

/**
 * The bank's confirmation file: one row per payout with what happened to it (docs/payouts.md).
 * Columns (header names in any case, spaces or underscores): payout_id or trace_number (the ACH trace
 * number of the NACHA file), status (PAID, FAILED or RETURNED), transaction_id (needed when PAID),
 * return_code (such as R01) and failure_reason (one of them needed when FAILED), payment_method (optional).
 * The payout export's own file is accepted too: it carries the same column names.
 */
export const CONFIRMATION_COLUMNS = [
  "payout_id",
  "trace_number",
  "status",
  "transaction_id",
  "return_code",
  "failure_reason",
  "payment_method",
];

/** The ACH return codes met most often, so a returns file with only the code still says why. */
export const ACH_RETURN_REASONS: Record<string, string> = {
  R01: "Insufficient funds",
  R02: "Account closed",
  R03: "No account / unable to locate account",
  R04: "Invalid account number",
  R06: "Returned at the originator's request",
  R07: "Authorization revoked",
  R08: "Payment stopped",
  R09: "Uncollected funds",
  R10: "Customer advises not authorized",
  R16: "Account frozen",
  R20: "Non-transaction account",
  R23: "Credit entry refused by receiver",
  R24: "Duplicate entry",
  R29: "Corporate customer advises not authorized",
};
export const MAX_CONFIRMATION_ROWS = 5000;

export interface ConfirmationRow {
  /** The file's line number (the header is line 1), so people can find the row in their spreadsheet. */
  line: number;
  /** The payout id, or null when the row names a trace number (resolved against the payout's trace). */
  payoutId: string | null;
  traceNumber: string | null;
  status: "PAID" | "FAILED";
  transactionId: string | null;
  failureReason: string | null;
  paymentMethod: PaymentMethod | null;
}
export interface ConfirmationRowError {
  line: number;
  payoutId: string | null;
  traceNumber?: string | null;
  message: string;
}
export type ParsedConfirmation =
  { ok: true; rows: ConfirmationRow[]; errors: ConfirmationRowError[] } | { ok: false; problem: string };

const key = (h: string) => h.toLowerCase().replace(/[^a-z]/g, "");
const COLUMN_BY_KEY: Record<string, keyof RawRow> = {
  payoutid: "payoutId",
  id: "payoutId",
  tracenumber: "traceNumber",
  trace: "traceNumber",
  returncode: "returnCode",
  return: "returnCode",
  reasoncode: "returnCode",
  status: "status",
  transactionid: "transactionId",
  transaction: "transactionId",
  reference: "transactionId",
  failurereason: "failureReason",
  reason: "failureReason",
  paymentmethod: "paymentMethod",
  method: "paymentMethod",
};
export type RawRow = {
  payoutId?: string;
  traceNumber?: string;
  returnCode?: string;
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
  if ((!columns.includes("payoutId") && !columns.includes("traceNumber")) || !columns.includes("status"))
    return {
      ok: false,
      problem: `The first line must name the columns: payout_id (or trace_number) and status are needed, transaction_id, return_code and failure_reason as they apply (found: ${header.join(", ")}).`,
    };
  if (body.length === 0) return { ok: false, problem: "The file has a header but no rows." };
  if (body.length > MAX_CONFIRMATION_ROWS)
    return { ok: false, problem: `The file has ${body.length} rows; at most ${MAX_CONFIRMATION_ROWS} at a time.` };

  return checkRows(
    body.map((cells) => {
      const raw: RawRow = {};
      columns.forEach((c, j) => {
        const v = cells[j]?.trim();
        if (c && v && raw[c] === undefined) raw[c] = v;
      });
      return raw;
    }),
    2,
  );
}

/** Checks rows given as objects (the API's JSON rows; the file's lines after the header), numbered from `firstLine`. */
export function checkRows(raws: RawRow[], firstLine = 1): ParsedConfirmation & { ok: true } {
  const rows: ConfirmationRow[] = [];
  const errors: ConfirmationRowError[] = [];
  const firstLineOf = new Map<string, number>();
  raws.forEach((raw, i) => {
    const line = i + firstLine;
    const res = checkRow(line, raw);
    if ("message" in res) return errors.push(res);
    const key = res.payoutId ?? `trace:${res.traceNumber}`;
    const first = firstLineOf.get(key);
    if (first !== undefined)
      return errors.push({ line, payoutId: res.payoutId, message: `This payout is already on line ${first}.` });
    firstLineOf.set(key, line);
    rows.push(res);
  });
  return { ok: true, rows, errors };
}

function checkRow(line: number, raw: RawRow): ConfirmationRow | ConfirmationRowError {
  const payoutId = raw.payoutId ?? null;
  const traceNumber = raw.traceNumber?.replace(/\s+/g, "") || null;
  const fail = (message: string) => ({ line, payoutId, ...(traceNumber ? { traceNumber } : {}), message });
  if (!payoutId && !traceNumber) return fail("The payout id (or the trace number) is missing.");
  if (payoutId && !isUuid(payoutId)) return fail(`"${payoutId}" is not a payout id.`);
  if (!payoutId && !/^\d{15}$/.test(traceNumber!)) return fail(`"${traceNumber}" is not a 15-digit trace number.`);
  const returnCode = raw.returnCode?.toUpperCase() || null;
  if (returnCode && !/^R\d{2}$/.test(returnCode))
    return fail(`"${raw.returnCode}" is not an ACH return code (R01…R99).`);
  const given = raw.status?.toUpperCase();
  const status = given === "RETURNED" ? "FAILED" : given;
  if (status !== "PAID" && status !== "FAILED")
    return fail(raw.status ? `The status "${raw.status}" is not PAID, FAILED or RETURNED.` : "The status is missing.");
  if (status === "PAID" && returnCode) return fail("A paid row cannot carry a return code.");
  const reason =
    [returnCode, raw.failureReason ?? (returnCode ? ACH_RETURN_REASONS[returnCode] : undefined)]
      .filter(Boolean)
      .join(" ") || undefined;
  const method = raw.paymentMethod?.toUpperCase().replace(/[\s-]+/g, "_");
  if (method && !(PAYMENT_METHODS as readonly string[]).includes(method))
    return fail(`The payment method "${raw.paymentMethod}" is not one we pay with.`);
  if (status === "PAID" && !raw.transactionId) return fail("A paid row needs the bank's transaction id.");
  if (status === "FAILED" && !reason) return fail("A failed row needs the failure reason or a return code.");
  if ((raw.transactionId?.length ?? 0) > 200) return fail("The transaction id is longer than 200 characters.");
  if ((reason?.length ?? 0) > 500) return fail("The failure reason is longer than 500 characters.");
  return {
    line,
    payoutId: payoutId?.toLowerCase() ?? null,
    traceNumber,
    status,
    transactionId: status === "PAID" ? raw.transactionId! : null,
    failureReason: status === "FAILED" ? reason! : null,
    paymentMethod: (method as PaymentMethod | undefined) ?? null,
  };
}
