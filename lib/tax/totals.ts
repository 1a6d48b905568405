import { and, eq, gte, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payoutAccounts, payouts, taxForms } from "@/db/schema";
import type { TaxPosition } from "@/lib/payouts/eligibility";

/** A calendar year in UTC: `[1 January, next 1 January)`. */
export const yearBounds = (year: number) => ({
  from: new Date(Date.UTC(year, 0, 1)),
  to: new Date(Date.UTC(year + 1, 0, 1)),
});

/** Payouts that count toward 1099-NEC: USD and not sent by PayPal (reported by the platform on 1099-K). */
const countsFor1099 = and(
  eq(payouts.currency, "USD"),
  or(isNull(payouts.paymentMethod), ne(payouts.paymentMethod, "PAYPAL")),
);

export interface YearlyTotal {
  partnerId: string;
  paidCents: number;
  payoutCount: number;
}

/**
 * Each partner's calendar-year paid total (docs/payouts.md#yearly-totals): USD payouts PAID in the year
 * by their paid date, PayPal payouts left out. `partnerIds` narrows it; omitted, every partner.
 */
export async function yearlyTotals(db: DbOrTx, year: number, partnerIds?: string[]): Promise<YearlyTotal[]> {
  if (partnerIds && partnerIds.length === 0) return [];
  const { from, to } = yearBounds(year);
  return db
    .select({
      partnerId: payouts.partnerId,
      paidCents: sql<number>`sum(${payouts.amountCents})`.mapWith(Number),
      payoutCount: sql<number>`count(*)`.mapWith(Number),
    })
    .from(payouts)
    .where(
      and(
        eq(payouts.status, "PAID"),
        gte(payouts.paidAt, from),
        lt(payouts.paidAt, to),
        countsFor1099,
        partnerIds ? inArray(payouts.partnerId, partnerIds) : undefined,
      ),
    )
    .groupBy(payouts.partnerId);
}

/**
 * Whether a partner counts as a US person for 1099-NEC: a W-9 on file says yes, a W-8BEN says no; with no
 * form, a partner is presumed a US person unless its payout details are abroad (a SEPA account, or checks
 * mailed outside the US).
 */
export function isUsPerson(formKind: string | null | undefined, account: { kind: string; country?: string | null }) {
  if (formKind) return formKind === "W9";
  if (account.kind === "SEPA") return false;
  if (account.kind === "CHECK" && account.country && account.country !== "US") return false;
  return true;
}

/** What the tax hold needs per partner (lib/payouts/eligibility.ts `taxHoldReason`), for the year of `now`. */
export async function taxPositions(db: DbOrTx, partnerIds: string[], now: Date): Promise<Map<string, TaxPosition>> {
  const ids = [...new Set(partnerIds)];
  if (ids.length === 0) return new Map();
  const year = now.getUTCFullYear();
  const [rows, paid, pending] = await Promise.all([
    db
      .select({
        id: partners.id,
        payoutMethod: partners.payoutMethod,
        formKind: taxForms.kind,
        accountKind: payoutAccounts.kind,
        accountCountry: sql<string | null>`coalesce(${payoutAccounts.country}, ${payoutAccounts.address}->>'country')`,
      })
      .from(partners)
      .leftJoin(taxForms, eq(taxForms.partnerId, partners.id))
      .leftJoin(payoutAccounts, eq(payoutAccounts.partnerId, partners.id))
      .where(inArray(partners.id, ids)),
    yearlyTotals(db, year, ids),
    db
      .select({ partnerId: payouts.partnerId, cents: sql<number>`sum(${payouts.amountCents})`.mapWith(Number) })
      .from(payouts)
      .where(and(eq(payouts.status, "PENDING"), countsFor1099, inArray(payouts.partnerId, ids)))
      .groupBy(payouts.partnerId),
  ]);
  const paidOf = new Map(paid.map((p) => [p.partnerId, p.paidCents]));
  const pendingOf = new Map(pending.map((p) => [p.partnerId, p.cents]));
  return new Map(
    rows.map((r) => [
      r.id,
      {
        usPerson: isUsPerson(r.formKind, { kind: r.accountKind ?? "", country: r.accountCountry }),
        w9OnFile: r.formKind === "W9",
        paidByPaypal: r.payoutMethod === "PAYPAL",
        yearTotalCents: (paidOf.get(r.id) ?? 0) + (pendingOf.get(r.id) ?? 0),
        year,
      },
    ]),
  );
}
