import { sql } from "drizzle-orm";
import { boolean, check, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { EXAMPLE_POLICY_WINDOWS, type PolicyWindow } from "@/lib/compliance/policy-windows";
import { cents, updatedAt } from "./columns";

/** One row of the per-state rule table for unlicensed partners (lib/compliance/state-rules.ts). */
export interface LicenceStateRule {
  /** Two-letter code, or `DEFAULT` for leads with no state or a state without a row. */
  state: string;
  /** Off: the state follows today's behaviour (conversion rewards allowed); on: licences are checked. */
  enforced: boolean;
  unlicensedFeesAllowed: boolean;
  maxFeePerReferralCents: number | null;
  annualCapPerPersonCents: number | null;
  nonCashRequired: boolean;
  note: string;
}

/**
 * The table the program ships with: EXAMPLES to be reviewed by the program's compliance staff, every row
 * switched off (docs/compliance.md#state-rules).
 */
export const EXAMPLE_LICENCE_STATE_RULES: LicenceStateRule[] = [
  {
    state: "NY",
    enforced: false,
    unlicensedFeesAllowed: true,
    maxFeePerReferralCents: null,
    annualCapPerPersonCents: null,
    nonCashRequired: false,
    note: "EXAMPLE: unlicensed: flat fee only, not contingent on purchase (Ins. Law §2116)",
  },
  {
    state: "WA",
    enforced: false,
    unlicensedFeesAllowed: true,
    maxFeePerReferralCents: 10000,
    annualCapPerPersonCents: 10000,
    nonCashRequired: false,
    note: "EXAMPLE: at most $100 per referred person per year",
  },
  {
    state: "CA",
    enforced: false,
    unlicensedFeesAllowed: true,
    maxFeePerReferralCents: 5000,
    annualCapPerPersonCents: null,
    nonCashRequired: false,
    note: "EXAMPLE (illustrative values): flat fee for the referral only, at most $50",
  },
  {
    state: "FL",
    enforced: false,
    unlicensedFeesAllowed: false,
    maxFeePerReferralCents: null,
    annualCapPerPersonCents: null,
    nonCashRequired: false,
    note: "EXAMPLE (illustrative values): no fee to unlicensed partners",
  },
  {
    state: "TX",
    enforced: false,
    unlicensedFeesAllowed: true,
    maxFeePerReferralCents: 2500,
    annualCapPerPersonCents: 5000,
    nonCashRequired: true,
    note: "EXAMPLE (illustrative values): non-cash only, at most $25 a referral and $50 a person a year",
  },
];

/** Program settings: a single row (id = 1) holding every program default (listed in docs/domain-rules.md#settings). */
export const settings = pgTable(
  "settings",
  {
    id: integer().primaryKey().default(1),
    businessName: text().notNull().default("Acme Insurance Quotes"),
    /** E-mail brand: an https logo URL (none: the name only) and the accent colour of buttons and links. */
    brandLogoUrl: text(),
    brandAccentColor: text().notNull().default("#1d4ed8"),
    defaultCommissionRateBps: integer().notNull().default(1000),
    defaultCurrency: text().notNull().default("USD"),
    attributionWindowDays: integer().notNull().default(30),
    leadOwnershipDays: integer().notNull().default(90),
    referralExpiryDays: integer().notNull().default(90),
    holdDays: integer().notNull().default(0),
    autoApproveRewards: boolean().notNull().default(false),
    autoApprovePartners: boolean().notNull().default(false),
    minimumPayoutCents: cents().notNull().default(5000),
    payoutDayOfMonth: integer().notNull().default(1),
    /** MANUAL: an admin creates batches; AUTO: a job drafts one on the payout day for approval (docs/payouts.md). */
    payoutSchedule: text().notNull().default("MANUAL"),
    /** A US partner's calendar-year total (PayPal left out) that puts it on the 1099-NEC report and needs a W-9. */
    form1099ThresholdCents: cents().notNull().default(200_000),
    /** Hours a change of payout details blocks payouts to that partner (0 = none). */
    payoutDetailsCoolingOffHours: integer().notNull().default(72),
    /** The program's side of bank files: ACH originator and SEPA debtor account (lib/payouts/files/originator.ts). */
    bankOriginator: jsonb().$type<Record<string, unknown>>(),
    /** Standard Webhooks secret (`whsec_…`) for inbound CRM events; null until configured. */
    inboundWebhookSecret: text(),
    quoteRateLimit: integer().notNull().default(10),
    quoteRateWindowSeconds: integer().notNull().default(600),
    loginFailLimit: integer().notNull().default(5),
    loginIpFailLimit: integer().notNull().default(50),
    loginWindowSeconds: integer().notNull().default(900),
    codeValidationRateLimit: integer().notNull().default(60),
    codeValidationWindowSeconds: integer().notNull().default(60),
    /** Fraud signal weights and thresholds; missing keys take their defaults (lib/risk/rules.ts). */
    riskRules: jsonb().notNull().default({}),
    /**
     * Free-look and chargeback windows per line of business and state (lib/compliance/policy-windows.ts).
     * Ships with EXAMPLE rows for the program's compliance staff to review (docs/compliance.md#policy-windows).
     */
    policyWindows: jsonb().$type<PolicyWindow[]>().notNull().default(EXAMPLE_POLICY_WINDOWS),
    /** Leads that never converted are anonymised this many months after they came in; null = off. */
    retentionAnonymiseMonths: integer(),
    /** The unlicensed referral fee when the partner's plan sets none (null = none: no fee is paid). */
    unlicensedReferralFeeCents: cents(),
    /** The per-state rule table for unlicensed partners; ships as an example, every row off. */
    licenceStateRules: jsonb().$type<LicenceStateRule[]>().notNull().default(EXAMPLE_LICENCE_STATE_RULES),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("settings_singleton", sql`${t.id} = 1`),
    check("settings_rate_range", sql`${t.defaultCommissionRateBps} between 0 and 10000`),
    check("settings_payout_schedule", sql`${t.payoutSchedule} in ('MANUAL', 'AUTO')`),
    check("settings_payout_day", sql`${t.payoutDayOfMonth} between 1 and 28`),
  ],
);
