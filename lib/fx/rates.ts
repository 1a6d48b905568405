import "server-only";
import { and, asc, count, desc, eq, gte, lte, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { fxRates } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { parseEcbCsv, type ParsedRate } from "./ecb";
import { crossRate, formatRate, invertRate, MAX_RATE_AGE_DAYS, parseRate } from "./math";
import { fxRateListSchema, type FxRateInput, type FxRateListInput } from "./schemas";

export type FxRate = typeof fxRates.$inferSelect;

const upsert = (tx: DbOrTx, rows: ParsedRate[], source: string, actor: Actor) =>
  tx
    .insert(fxRates)
    .values(
      rows.map((r) => ({ rateDate: r.date, base: r.base, quote: r.quote, rate: r.rate, source, createdBy: actor.id })),
    )
    .onConflictDoUpdate({
      target: [fxRates.base, fxRates.quote, fxRates.rateDate],
      set: {
        rate: sql`excluded.rate`,
        source: sql`excluded.source`,
        createdBy: sql`excluded.created_by`,
        updatedAt: sql`now()`,
      },
    })
    .returning();

/** An admin's rate for a day and pair; a second one for the same day and pair replaces it (audited with both). */
export async function setFxRate(db: DbOrTx, input: FxRateInput, actor: Actor): Promise<FxRate> {
  const rate = formatRate(parseRate(input.rate)!);
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(fxRates)
      .where(and(eq(fxRates.base, input.base), eq(fxRates.quote, input.quote), eq(fxRates.rateDate, input.date)))
      .for("update");
    const [row] = await upsert(tx, [{ date: input.date, base: input.base, quote: input.quote, rate }], "ADMIN", actor);
    await recordEvent(tx, actor, {
      entityType: "fx_rate",
      entityId: row.id,
      action: before ? "fx_rate.updated" : "fx_rate.created",
      before: before ? { rate: before.rate, source: before.source } : undefined,
      after: { date: row.rateDate, base: row.base, quote: row.quote, rate: row.rate, source: row.source },
    });
    return row;
  });
}

/** The ECB reference-rate CSV → one rate per day and currency (base EUR), in one transaction, audited once. */
export async function importEcbRates(db: DbOrTx, csv: string, actor: Actor) {
  const { rates, skipped } = parseEcbCsv(csv);
  return db.transaction(async (tx) => {
    for (let i = 0; i < rates.length; i += 1000) await upsert(tx, rates.slice(i, i + 1000), "ECB", actor);
    const days = [...new Set(rates.map((r) => r.date))].sort();
    const currencies = [...new Set(rates.map((r) => r.quote))].sort();
    await recordEvent(tx, actor, {
      entityType: "fx_rate",
      entityId: days.length ? `ECB:${days[0]}..${days.at(-1)}` : "ECB",
      action: "fx_rate.imported",
      data: { source: "ECB", imported: rates.length, days: days.length, currencies, skipped: skipped.length },
    });
    return { imported: rates.length, days, currencies, skipped };
  });
}

/** Rates, newest day first, filtered by pair and dates. */
export async function listFxRates(db: DbOrTx, raw: FxRateListInput = {}) {
  const f = fxRateListSchema.parse(raw);
  const where = and(
    f.base ? eq(fxRates.base, f.base) : undefined,
    f.quote ? eq(fxRates.quote, f.quote) : undefined,
    f.from ? gte(fxRates.rateDate, f.from) : undefined,
    f.to ? lte(fxRates.rateDate, f.to) : undefined,
  );
  const [data, [{ total }]] = await Promise.all([
    db
      .select()
      .from(fxRates)
      .where(where)
      .orderBy(desc(fxRates.rateDate), asc(fxRates.base), asc(fxRates.quote))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(fxRates).where(where),
  ]);
  return { data, pagination: { page: f.page, pageSize: f.pageSize, total, nextCursor: null } };
}

export const serializeFxRate = (r: FxRate) => ({
  id: r.id,
  date: r.rateDate,
  base: r.base,
  quote: r.quote,
  rate: formatRate(parseRate(r.rate)!),
  source: r.source,
  createdAt: r.createdAt.toISOString(),
});

/** The rate a conversion uses: exact (scaled), its text, the day it was published and where it came from. */
export interface ResolvedRate {
  from: string;
  to: string;
  rate: bigint;
  rateText: string;
  date: string;
  source: string;
}

const minusDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

/**
 * The rate `to` per `from` for `day` (docs/payouts.md#currencies): the latest stored rate on or before the
 * day and at most MAX_RATE_AGE_DAYS older; the pair as stored, else the reverse pair inverted, else a cross
 * rate through a base both are quoted against on the same day (the ECB's EUR). The newest day wins; on one
 * day the stored pair beats its inverse, which beats a cross rate. Null: no such rate; nothing is guessed.
 */
/** Every pair's rate for the day, each looked up once (pairs as `FROM→TO`). */
export async function findRates(
  db: DbOrTx,
  pairs: Iterable<string>,
  day: string,
): Promise<Map<string, ResolvedRate | null>> {
  const out = new Map<string, ResolvedRate | null>();
  for (const pair of new Set(pairs)) {
    const [from, to] = pair.split("→");
    out.set(pair, await findRate(db, from, to, day));
  }
  return out;
}

export async function findRate(db: DbOrTx, from: string, to: string, day: string): Promise<ResolvedRate | null> {
  const earliest = minusDays(day, MAX_RATE_AGE_DAYS);
  const rows = rowsOf<{ kind: number; via: string; d: string; r1: string; r2: string | null; source: string }>(
    await db.execute(sql`
      (select 0 as kind, base as via, rate_date::text as d, rate::text as r1, null::text as r2, source
         from fx_rates where base = ${from} and quote = ${to} and rate_date between ${earliest} and ${day}
         order by rate_date desc limit 1)
      union all
      (select 1, base, rate_date::text, rate::text, null, source
         from fx_rates where base = ${to} and quote = ${from} and rate_date between ${earliest} and ${day}
         order by rate_date desc limit 1)
      union all
      (select 2, a.base, a.rate_date::text, a.rate::text, b.rate::text, a.source
         from fx_rates a join fx_rates b on b.base = a.base and b.rate_date = a.rate_date
         where a.quote = ${from} and b.quote = ${to} and a.rate_date between ${earliest} and ${day}
         order by a.rate_date desc, a.base limit 1)`),
  );
  const best = rows.sort((a, b) => (a.d === b.d ? a.kind - b.kind : a.d < b.d ? 1 : -1))[0];
  if (!best) return null;
  const r1 = parseRate(best.r1)!;
  const rate = best.kind === 0 ? r1 : best.kind === 1 ? invertRate(r1) : crossRate(r1, parseRate(best.r2!)!);
  const source =
    best.kind === 0
      ? best.source
      : best.kind === 1
        ? `${best.source}, inverse of ${to}/${from}`
        : `${best.source}, cross via ${best.via}`;
  return { from, to, rate, rateText: formatRate(rate), date: best.d, source };
}
