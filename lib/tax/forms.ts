import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, taxForms } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { dataKeys, maskTail, open, seal, sealedKeyId } from "@/lib/crypto/sealed";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import type { TaxFormInput } from "./schemas";

type TaxFormRow = typeof taxForms.$inferSelect;

/** What any screen, export or API answer may show: the TIN masked, never opened. */
export interface TaxFormView {
  partnerId: string;
  kind: TaxFormRow["kind"];
  legalName: string;
  businessName: string | null;
  taxClassification: string | null;
  country: string;
  address: TaxFormRow["address"];
  tinType: "SSN" | "EIN" | "FOREIGN";
  tinMasked: string;
  signatureName: string;
  signedAt: Date;
  updatedAt: Date;
}

export function taxFormView(r: TaxFormRow): TaxFormView {
  return {
    partnerId: r.partnerId,
    kind: r.kind,
    legalName: r.legalName,
    businessName: r.businessName,
    taxClassification: r.taxClassification,
    country: r.country,
    address: r.address,
    tinType: r.tinType as TaxFormView["tinType"],
    tinMasked: maskTail(r.tinLast4),
    signatureName: r.signatureName,
    signedAt: r.signedAt,
    updatedAt: r.updatedAt,
  };
}

/** One line for the audit log and lists: `W9 · EIN •••• 6789 · Ann Lee`. */
const summaryOf = (v: TaxFormView) => [v.kind, `${v.tinType} ${v.tinMasked}`, v.legalName].join(" · ");

export async function getTaxForm(db: DbOrTx, partnerId: string): Promise<TaxFormView | null> {
  if (!isUuid(partnerId)) return null;
  const [r] = await db.select().from(taxForms).where(eq(taxForms.partnerId, partnerId));
  return r ? taxFormView(r) : null;
}

/** The form on file or 404 (the API's GET). */
export async function requireTaxForm(db: DbOrTx, partnerId: string): Promise<TaxFormView> {
  const v = await getTaxForm(db, partnerId);
  if (!v) throw notFound("Tax form");
  return v;
}

function columnsOf(input: TaxFormInput) {
  if (input.kind === "W9")
    return {
      kind: input.kind,
      legalName: input.legalName,
      businessName: input.businessName ?? null,
      taxClassification: input.taxClassification,
      country: "US",
      address: input.address,
      tinType: input.tinType,
      tinSealed: seal(input.tin),
      tinLast4: input.tin.slice(-4),
    };
  return {
    kind: input.kind,
    legalName: input.legalName,
    businessName: null,
    taxClassification: null,
    country: input.country,
    address: input.address,
    tinType: "FOREIGN",
    tinSealed: seal(input.foreignTin),
    tinLast4: input.foreignTin.replace(/[^A-Z0-9]/g, "").slice(-4),
  };
}

/**
 * A partner signs and submits its tax form (portal or API). One statement replaces the form on file, and a
 * `partner.tax_form_submitted` audit event in the same transaction names the kind and the masked TIN only.
 * The signature's timestamp is the server's clock, never the caller's. A W-9 on file releases tax holds
 * (lib/tax/holds.ts) from the next batch on.
 */
export async function saveTaxForm(
  db: DbOrTx,
  partnerId: string,
  input: TaxFormInput,
  actor: Actor,
  clock?: Clock,
): Promise<TaxFormView> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const [partner] = await tx.select({ id: partners.id }).from(partners).where(eq(partners.id, partnerId));
    if (!partner) throw notFound("Partner");
    const [before] = await tx.select().from(taxForms).where(eq(taxForms.partnerId, partnerId)).for("update");
    const values = {
      ...columnsOf(input),
      signatureName: input.signatureName,
      certified: true,
      signedAt: now,
      updatedAt: now,
    };
    const [row] = await tx
      .insert(taxForms)
      .values({ partnerId, ...values, createdAt: now })
      .onConflictDoUpdate({ target: taxForms.partnerId, set: values })
      .returning();
    const view = taxFormView(row);
    await recordEvent(tx, actor, {
      entityType: "partner",
      entityId: partnerId,
      action: "partner.tax_form_submitted",
      before: before ? summaryOf(taxFormView(before)) : null,
      after: summaryOf(view),
      data: { kind: view.kind, tinType: view.tinType, signatureName: view.signatureName, signedAt: now.toISOString() },
      at: now,
    });
    return view;
  });
}

/** After a key rotation: re-seals every TIN not sealed under the first key. Returns how many changed. */
export async function resealTaxForms(db: DbOrTx): Promise<number> {
  const keys = dataKeys();
  const rows = await db.select({ partnerId: taxForms.partnerId, sealed: taxForms.tinSealed }).from(taxForms);
  let n = 0;
  for (const r of rows) {
    if (sealedKeyId(r.sealed) === keys[0].id) continue;
    await db
      .update(taxForms)
      .set({ tinSealed: seal(open(r.sealed, keys), keys) })
      .where(and(eq(taxForms.partnerId, r.partnerId), eq(taxForms.tinSealed, r.sealed)));
    n++;
  }
  return n;
}
