import { eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, payoutAccounts, taxForms } from "@/db/schema";
import { toCsv } from "@/lib/csv";
import { centsToMajor } from "@/lib/decimal";
import { maskTail } from "@/lib/crypto/sealed";
import { getSettings } from "@/lib/settings";
import { isUsPerson, yearlyTotals } from "./totals";

/** The 1099-NEC report's columns, in order (docs/payouts.md#the-1099-nec-report). */
export const FORM_1099_COLUMNS = [
  "partner_id",
  "w9_on_file",
  "recipient_name",
  "business_name",
  "tax_classification",
  "tin_type",
  "tin",
  "address_line1",
  "address_line2",
  "city",
  "state",
  "postal_code",
  "country",
  "partner_email",
  "payout_count",
  "nonemployee_compensation",
  "currency",
] as const;

export interface Form1099Row {
  partnerId: string;
  w9OnFile: boolean;
  recipientName: string;
  paidCents: number;
  payoutCount: number;
}

/**
 * The 1099-NEC report for a calendar year: every US partner (lib/tax/totals.ts `isUsPerson`) whose paid
 * total, PayPal left out, reached the threshold setting. The TIN column is masked like everywhere else.
 */
export async function form1099Report(db: DbOrTx, year: number) {
  const s = await getSettings(db);
  const totals = (await yearlyTotals(db, year)).filter((t) => t.paidCents >= s.form1099ThresholdCents);
  if (totals.length === 0)
    return { year, thresholdCents: s.form1099ThresholdCents, rows: [], csv: toCsv(FORM_1099_COLUMNS, []) };
  const ids = totals.map((t) => t.partnerId);
  const people = await db
    .select({ partner: partners, form: taxForms, account: payoutAccounts })
    .from(partners)
    .leftJoin(taxForms, eq(taxForms.partnerId, partners.id))
    .leftJoin(payoutAccounts, eq(payoutAccounts.partnerId, partners.id))
    .where(inArray(partners.id, ids));
  const byId = new Map(people.map((p) => [p.partner.id, p]));
  const lines = totals
    .map((t) => ({ t, p: byId.get(t.partnerId)! }))
    .filter(({ p }) =>
      isUsPerson(p.form?.kind, {
        kind: p.account?.kind ?? "",
        country: p.account?.country ?? p.account?.address?.country,
      }),
    )
    .sort((a, b) => b.t.paidCents - a.t.paidCents || a.t.partnerId.localeCompare(b.t.partnerId));
  const rows: Form1099Row[] = lines.map(({ t, p }) => ({
    partnerId: t.partnerId,
    w9OnFile: p.form?.kind === "W9",
    recipientName: p.form?.legalName ?? `${p.partner.firstName} ${p.partner.lastName}`,
    paidCents: t.paidCents,
    payoutCount: t.payoutCount,
  }));
  const csv = toCsv(
    FORM_1099_COLUMNS,
    lines.map(({ t, p }) => {
      const f = p.form;
      const a = f?.address;
      return {
        partner_id: t.partnerId,
        w9_on_file: f?.kind === "W9" ? "yes" : "no",
        recipient_name: f?.legalName ?? `${p.partner.firstName} ${p.partner.lastName}`,
        business_name: f?.businessName ?? p.partner.companyName,
        tax_classification: f?.taxClassification,
        tin_type: f?.tinType,
        tin: f ? maskTail(f.tinLast4) : "",
        address_line1: a?.line1,
        address_line2: a?.line2,
        city: a?.city,
        state: a?.region,
        postal_code: a?.postalCode,
        country: a?.country,
        partner_email: p.partner.email,
        payout_count: t.payoutCount,
        nonemployee_compensation: centsToMajor(t.paidCents),
        currency: "USD",
      };
    }),
  );
  return { year, thresholdCents: s.form1099ThresholdCents, rows, csv };
}
