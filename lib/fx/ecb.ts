import Papa from "papaparse";
import { AppError } from "@/lib/errors";
import { formatRate, parseRate } from "./math";

export interface ParsedRate {
  date: string;
  base: string;
  quote: string;
  rate: string;
}
export interface EcbParse {
  rates: ParsedRate[];
  skipped: { line: number; column: string; reason: string }[];
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

/** "03 December 2026" (the daily file) or "2026-12-03" (the history file) → "2026-12-03"; null otherwise. */
function ecbDate(text: string): string | null {
  const t = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
  const m = /^(\d{1,2}) ([A-Za-z]+) (\d{4})$/.exec(t);
  const month = m ? MONTHS.indexOf(m[2].toLowerCase()) : -1;
  if (!m || month < 0) return null;
  return `${m[3]}-${String(month + 1).padStart(2, "0")}-${m[1].padStart(2, "0")}`;
}

/**
 * The ECB's euro foreign exchange reference rates CSV (eurofxref.csv, or eurofxref-hist.csv): a header
 * `Date, USD, JPY, …` and one line per day, each value the units of that currency per 1 EUR. Cells may
 * carry spaces and lines a trailing comma; `N/A` or empty cells (a currency not quoted that day) are
 * skipped and reported. Parsed with papaparse; the values stay decimal text.
 */
export function parseEcbCsv(text: string): EcbParse {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const [header, ...lines] = parsed.data;
  const cols = (header ?? []).map((c) => c.trim());
  if (cols[0]?.toLowerCase() !== "date" || cols.length < 2)
    throw new AppError("validation", "Not the ECB reference-rate layout: the first column must be Date", {
      errors: [{ path: "csv", message: "The header must start with Date, then currency codes (USD, JPY, …)" }],
    });
  const rates: ParsedRate[] = [];
  const skipped: EcbParse["skipped"] = [];
  lines.forEach((cells, i) => {
    const line = i + 2;
    const date = ecbDate(cells[0] ?? "");
    if (!date) {
      skipped.push({ line, column: "Date", reason: `Not a date: ${(cells[0] ?? "").slice(0, 40)}` });
      return;
    }
    for (let c = 1; c < cols.length; c++) {
      const quote = cols[c].toUpperCase();
      if (!quote) continue;
      const raw = (cells[c] ?? "").trim();
      if (!/^[A-Z]{3}$/.test(quote)) {
        skipped.push({ line, column: cols[c], reason: "Not a currency code" });
        continue;
      }
      if (raw === "" || raw.toUpperCase() === "N/A") continue;
      const rate = parseRate(raw);
      if (rate === null) skipped.push({ line, column: quote, reason: `Not a positive decimal: ${raw.slice(0, 20)}` });
      else if (quote !== "EUR") rates.push({ date, base: "EUR", quote, rate: formatRate(rate) });
    }
  });
  if (rates.length === 0 && lines.length === 0)
    throw new AppError("validation", "The file has no rates", {
      errors: [{ path: "csv", message: "No lines after the header" }],
    });
  return { rates, skipped };
}
