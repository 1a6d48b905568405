import Papa from "papaparse";

/** What a CSV cell may hold; `null`/`undefined` become an empty cell, dates ISO 8601 (UTC). */
export type CsvValue = string | number | bigint | boolean | Date | null | undefined;

/** First characters a spreadsheet reads as the start of a formula (or strips before one). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number such as `-0.50`: a spreadsheet reads it as that number and nothing else. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * One cell as text, safe to open in a spreadsheet: a value whose first character is `=`, `+`, `-`, `@`, a
 * tab or a carriage return gets a leading `'`, whatever follows (newlines included), unless the whole value
 * is a plain decimal number. papaparse's own `escapeFormulae` is not used: its pattern misses values that
 * contain a newline. Rules and columns: docs/payouts.md#payout-csv-columns.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * The one CSV writer of the app: a header line of `columns`, then one line per row, each cell through
 * `csvCell`, written by papaparse (RFC 4180 quoting, CRLF line ends).
 */
export function toCsv<const C extends readonly string[]>(
  columns: C,
  rows: readonly Readonly<Record<C[number], CsvValue>>[],
): string {
  return Papa.unparse(
    { fields: columns.map(csvCell), data: rows.map((r) => columns.map((c: C[number]) => csvCell(r[c]))) },
    { escapeFormulae: false, newline: "\r\n" },
  );
}

/** Lines without a header (files whose receiver wants none, such as PayPal's bulk upload), same cell rules. */
export function csvLines(rows: readonly (readonly CsvValue[])[]): string {
  return Papa.unparse(
    rows.map((r) => r.map(csvCell)),
    { escapeFormulae: false, newline: "\r\n" },
  );
}

export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";

/** A CSV download: `text/csv` as an attachment named `filename`, never cached by shared caches. */
export function csvResponse(csv: string, filename: string, opts: { private?: boolean } = {}): Response {
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "cache-control": opts.private ? "private, no-store" : "no-store",
    },
  });
}
