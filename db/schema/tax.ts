import { sql } from "drizzle-orm";
import { boolean, check, date, index, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, refKey, timestamps, ts } from "./columns";
import { partners } from "./partners";
import type { PostalAddress } from "./payout-details";

/** W9 = a US person (docs/payouts.md#tax-forms); W8BEN = a foreign individual. */
export const taxFormKind = pgEnum("tax_form_kind", ["W9", "W8BEN"]);
export const TAX_FORM_KINDS = taxFormKind.enumValues;
export type TaxFormKind = (typeof TAX_FORM_KINDS)[number];

/**
 * A partner's tax form on file, one row per partner (a new submission replaces it; the audit log keeps the
 * history, masked). The TIN is only ever stored sealed (`tin_sealed`, AES-256-GCM, lib/crypto/sealed.ts);
 * `tin_last4` is what screens and the 1099-NEC report show.
 */
export const taxForms = pgTable(
  "tax_forms",
  {
    partnerId: refKey(() => partners.id),
    kind: taxFormKind().notNull(),
    legalName: text().notNull(),
    /** W-9 line 2 (business or disregarded entity name), optional. */
    businessName: text(),
    /** W-9 federal tax classification (INDIVIDUAL, C_CORPORATION, …); null on a W-8BEN. */
    taxClassification: text(),
    /** Country of citizenship (W-8BEN) or US (W-9); ISO 3166-1 alpha-2. */
    country: text().notNull(),
    address: jsonb().$type<PostalAddress>().notNull(),
    /** SSN or EIN (W-9), FOREIGN (W-8BEN). */
    tinType: text().notNull(),
    tinSealed: text().notNull(),
    tinLast4: text().notNull(),
    /** The electronic signature: the typed name, the certification ticked, and when. */
    signatureName: text().notNull(),
    certified: boolean().notNull(),
    signedAt: ts().notNull(),
    ...timestamps,
  },
  (t) => [
    index("tax_forms_kind_idx").on(t.kind),
    check("tax_forms_sealed_shape", sql`${t.tinSealed} like 'v1.%'`),
    check("tax_forms_certified", sql`${t.certified}`),
  ],
);

export const payoutBatchStatus = pgEnum("payout_batch_status", ["DRAFT", "APPROVED"]);

/**
 * Batches drafted by the scheduled job (docs/payouts.md#scheduled-batches): a DRAFT waits for an admin's
 * approval before any bank file is made. One per payout day (the unique key keeps several instances from
 * drafting twice). Batches created by hand have no row: their creator approved them by creating them.
 */
export const payoutBatches = pgTable(
  "payout_batches",
  {
    id: uuid().primaryKey(),
    status: payoutBatchStatus().notNull().default("DRAFT"),
    /** The UTC payout day the job drafted it for. */
    payoutDay: date({ mode: "string" }).notNull(),
    createdAt: createdAt(),
    approvedAt: ts(),
    approvedBy: text(),
  },
  (t) => [uniqueIndex("payout_batches_day_key").on(t.payoutDay)],
);
