import { sql } from "drizzle-orm";
import { check, index, jsonb, pgEnum, pgSequence, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, refKey, timestamps, ts } from "./columns";
import { partners } from "./partners";
import { payouts } from "./rewards";

/** How a partner is paid: each kind has its own fields (docs/payout-details.md). LEGACY = free text from before. */
export const payoutAccountKind = pgEnum("payout_account_kind", ["US_ACH", "SEPA", "PAYPAL", "CHECK", "LEGACY"]);
export const PAYOUT_ACCOUNT_KINDS = payoutAccountKind.enumValues;
export type PayoutAccountKind = (typeof PAYOUT_ACCOUNT_KINDS)[number];

export interface PostalAddress {
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  postalCode: string;
  country: string;
}

/**
 * A partner's payout details, one row per partner. The account number (ACH), the IBAN (SEPA) or the
 * legacy free text is only ever stored sealed (`account_sealed`, AES-256-GCM, lib/crypto/sealed.ts);
 * `account_last4` is what screens show. Routing numbers and BICs are public bank identifiers.
 */
export const payoutAccounts = pgTable(
  "payout_accounts",
  {
    partnerId: refKey(() => partners.id),
    kind: payoutAccountKind().notNull(),
    holderName: text(),
    /** US ACH: the 9-digit ABA routing number. */
    routingNumber: text(),
    /** US ACH: CHECKING or SAVINGS. */
    accountType: text(),
    /** SEPA: optional BIC; country from the IBAN. */
    bic: text(),
    country: text(),
    paypalEmail: text(),
    address: jsonb().$type<PostalAddress>(),
    accountSealed: text(),
    accountLast4: text(),
    /** When the details last changed; payouts wait until `payouts_blocked_until` (the cooling-off period). */
    changedAt: ts().notNull().defaultNow(),
    payoutsBlockedUntil: ts(),
    ...timestamps,
  },
  (t) => [
    index("payout_accounts_blocked_idx").on(t.payoutsBlockedUntil),
    check("payout_accounts_sealed_shape", sql`${t.accountSealed} is null or ${t.accountSealed} like 'v1.%'`),
  ],
);

/** ACH trace numbers: the ODFI's 8 digits + 7 from this sequence, given once per payout (lib/payouts/files). */
export const payoutTraceSeq = pgSequence("payout_trace_seq", { startWith: 1 });
export const payoutTraces = pgTable(
  "payout_traces",
  {
    payoutId: refKey(() => payouts.id),
    traceNumber: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("payout_traces_trace_key").on(t.traceNumber)],
);
