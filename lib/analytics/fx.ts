import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { divHalfEven } from "@/lib/decimal";
import { convertExact, crossRate, invertRate, MAX_RATE_AGE_DAYS, parseRate } from "@/lib/fx/math";
import { getSettings } from "@/lib/settings";
import { shiftDay } from "./period";

/**
 * Analytics amounts in the program currency (docs/domain-rules.md#figures): each (day, currency) amount of
 * the rollups is converted at that day's rate, found by the payout rules (docs/payouts.md#currencies: the
 * latest rate on or up to 4 days before the day; the pair, its inverse, or a cross rate through a common
 * base), and a figure is rounded half to even once, after its exact parts are added. A missing rate is
 * never guessed: the amount is left out and the pair and days are reported.
 */

/** Exact amounts are integers of 1 / EXACT_DEN minor units of the program currency. */
const EXTRA_DIGITS = 4;
export const EXACT_DEN = 10n ** BigInt(10 + EXTRA_DIGITS);

/** An exact amount → program-currency minor units, half to even (once per figure). */
export const roundExact = (exact: bigint): number => Number(divHalfEven(exact, EXACT_DEN));

export interface DayRate {
  rate: bigint;
  /** `ECB`, `ADMIN`, or how it was derived (`ECB, inverse of USD/EUR`, `ECB, cross via EUR`). */
  source: string;
  /** The day of the stored rate(s) used. */
  date: string;
}

/** Conversion state of one response: the rates looked up, and what was converted or left out. */
export interface FxContext {
  currency: string;
  rates: Map<string, DayRate | null>;
  converted: Map<string, { days: Set<string>; sources: Set<string> }>;
  missing: Map<string, Set<string>>;
}

export interface CurrencyConversion {
  /** The program currency every amount of the response is in. */
  currency: string;
  /** Shown beside converted figures, e.g. "EUR amounts converted to USD at daily ECB rates"; null when none was. */
  label: string | null;
  converted: { from: string; to: string; days: number; sources: string[] }[];
  /** Pairs without a rate: their amounts on these days are left out of every figure. */
  missing: { from: string; to: string; days: string[] }[];
  /** The missing rates in words (null when none). */
  missingNote: string | null;
}

export async function fxContext(db: DbOrTx): Promise<FxContext> {
  const s = await getSettings(db);
  return { currency: s.defaultCurrency, rates: new Map(), converted: new Map(), missing: new Map() };
}

/** True when an amount in `currency` needs converting ('' is a metric without amounts). */
export const isForeign = (fx: FxContext, currency: string): boolean => currency !== "" && currency !== fx.currency;

const key = (from: string, day: string) => `${from}|${day}`;

/**
 * Looks up, in one query, the rate of every (currency → program currency, day) not looked up yet, by the
 * rules of lib/fx/rates.ts findRate: the newest day within MAX_RATE_AGE_DAYS wins; on one day the stored
 * pair beats its inverse, which beats a cross rate through the alphabetically first common base.
 */
export async function loadRates(db: DbOrTx, fx: FxContext, needs: Iterable<{ currency: string; day: string }>) {
  const todo = [...needs].filter((n) => isForeign(fx, n.currency) && !fx.rates.has(key(n.currency, n.day)));
  if (todo.length === 0) return;
  const days = todo.map((n) => n.day).sort();
  const codes = [...new Set([fx.currency, ...todo.map((n) => n.currency)])];
  const rows = rowsOf<{ d: string; base: string; quote: string; rate: string; source: string }>(
    await db.execute(sql`
      select rate_date::text as d, base::text, quote::text, rate::text, source from fx_rates
      where rate_date between ${shiftDay(days[0], -MAX_RATE_AGE_DAYS)}::date and ${days.at(-1)}::date
        and quote::text in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})`),
  );
  const stored = new Map(rows.map((r) => [`${r.d}|${r.base}|${r.quote}`, r]));
  const bases = [...new Set(rows.map((r) => r.base))].sort();
  const to = fx.currency;
  for (const { currency: from, day } of todo) fx.rates.set(key(from, day), resolve(stored, bases, from, to, day));
}

type Stored = Map<string, { rate: string; source: string }>;

function resolve(stored: Stored, bases: string[], from: string, to: string, day: string): DayRate | null {
  for (let age = 0; age <= MAX_RATE_AGE_DAYS; age++) {
    const d = shiftDay(day, -age);
    const pair = stored.get(`${d}|${from}|${to}`);
    if (pair) return { rate: parseRate(pair.rate)!, source: pair.source, date: d };
    const inverse = stored.get(`${d}|${to}|${from}`);
    if (inverse) {
      return {
        rate: invertRate(parseRate(inverse.rate)!),
        source: `${inverse.source}, inverse of ${to}/${from}`,
        date: d,
      };
    }
    for (const b of bases) {
      const a = stored.get(`${d}|${b}|${from}`);
      const c = stored.get(`${d}|${b}|${to}`);
      if (a && c) {
        return {
          rate: crossRate(parseRate(a.rate)!, parseRate(c.rate)!),
          source: `${a.source}, cross via ${b}`,
          date: d,
        };
      }
    }
  }
  return null;
}

/**
 * `amount` minor units of `currency` on `day` as an exact program-currency amount (1 / EXACT_DEN minor
 * units), or null when its rate is missing (recorded for the response). The rate must have been loaded.
 */
export function toExact(fx: FxContext, amount: number, currency: string, day: string | null): bigint | null {
  if (amount === 0 || !isForeign(fx, currency)) return BigInt(amount) * EXACT_DEN;
  const pair = `${currency}→${fx.currency}`;
  const rate = fx.rates.get(key(currency, day!));
  if (!rate) {
    const days = fx.missing.get(pair) ?? new Set<string>();
    fx.missing.set(pair, days.add(day!));
    return null;
  }
  const used = fx.converted.get(pair) ?? { days: new Set<string>(), sources: new Set<string>() };
  fx.converted.set(pair, used);
  used.days.add(day!);
  used.sources.add(rate.source);
  const { num, den } = convertExact(amount, rate.rate, currency, fx.currency);
  if (EXACT_DEN % den !== 0n) throw new Error(`${pair}: more minor-unit digits than analytics can hold exactly`);
  return num * (EXACT_DEN / den);
}

/**
 * Rate × 10^(digit shift) as exact decimal text, so SQL can convert `amount_cents * factor` in numeric
 * without rounding (lib/analytics/source.ts rankPartners); null when the rate is missing.
 */
export function sqlFactor(fx: FxContext, currency: string, day: string): string | null {
  const exact = toExact(fx, 1, currency, day);
  if (exact === null) return null;
  const digits = String(EXACT_DEN).length - 1;
  const text = exact.toString().padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Exact decimal text of program-currency minor units (from SQL numeric) → minor units, half to even. */
export function roundDecimalText(text: string): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole, frac = ""] = m;
  const q = divHalfEven(BigInt(whole + frac), 10n ** BigInt(frac.length));
  return Number(sign ? -q : q);
}

/** Consecutive days as ranges: 2026-11-01 – 2026-11-03, 2026-11-07. */
function dayRanges(days: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < days.length;) {
    let j = i;
    while (j + 1 < days.length && shiftDay(days[j], 1) === days[j + 1]) j++;
    out.push(i === j ? days[i] : `${days[i]} – ${days[j]}`);
    i = j + 1;
  }
  return out.join(", ");
}

const list = (xs: string[]) => (xs.length < 2 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs.at(-1)}`);

/** What the response says about conversion: the label of converted figures and the missing rates. */
export function conversionSummary(fx: FxContext): CurrencyConversion {
  const converted = [...fx.converted]
    .map(([pair, u]) => {
      const [from, to] = pair.split("→");
      return { from, to, days: u.days.size, sources: [...u.sources].sort() };
    })
    .sort((a, b) => a.from.localeCompare(b.from));
  const missing = [...fx.missing]
    .map(([pair, days]) => {
      const [from, to] = pair.split("→");
      return { from, to, days: [...days].sort() };
    })
    .sort((a, b) => a.from.localeCompare(b.from));
  const origins = [...new Set(converted.flatMap((c) => c.sources.map((s) => s.split(",")[0])))].sort();
  const rates = origins.length === 1 && origins[0] === "ECB" ? "daily ECB rates" : "daily exchange rates";
  return {
    currency: fx.currency,
    label: converted.length
      ? `${list(converted.map((c) => c.from))} amounts converted to ${fx.currency} at ${rates}`
      : null,
    converted,
    missing,
    missingNote: missing.length
      ? missing
          .map(
            (m) =>
              `No ${m.from}→${m.to} rate for ${dayRanges(m.days)} or the ${MAX_RATE_AGE_DAYS} days before: those ${m.from} amounts are left out.`,
          )
          .join(" ")
      : null,
  };
}
