import { sql } from "drizzle-orm";
import { boolean, char, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cents, createdAt, currency, id, ref, timestamps, ts } from "./columns";
import { commissionPlans } from "./commissions";
import { partnerStatus, paymentMethod } from "./enums";

export const partners = pgTable(
  "partners",
  {
    id: id(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    /** Stored lower-case. */
    email: text().notNull(),
    phone: text(),
    companyName: text(),
    status: partnerStatus().notNull().default("INACTIVE"),
    statusReason: text(),
    /** The partner override: replaces the plan's percentage when set; null = the plan's rates. */
    commissionRateBps: integer(),
    /** Null = the default plan. */
    commissionPlanId: uuid().references(() => commissionPlans.id),
    /** The tier the daily tier job last recorded (a tier id of the partner's plan), null = none. */
    tierId: text(),
    /** The currency of the partner's referrals and rewards. */
    currency: currency(),
    /** The currency payouts are made in; null = the partner's own `currency` (docs/payouts.md#currencies). */
    payoutCurrency: char({ length: 3 }),
    /** National Producer Number for licensed agents. */
    npn: text(),
    licensedStates: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    payoutMethod: paymentMethod(),
    /** Free-form payout instructions (bank reference, PayPal e-mail...), shown to admins only. */
    payoutDetails: jsonb().$type<Record<string, string>>(),
    /** ADMIN (onboarded by the program team), SELF (sign-up), API. */
    createdVia: text().notNull().default("ADMIN"),
    /** Lifetime earnings floor for payouts when it differs from the program minimum. */
    minimumPayoutCents: cents(),
    approvedAt: ts(),
    terminatedAt: ts(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("partners_email_key").on(t.email),
    index("partners_status_idx").on(t.status, t.createdAt),
    index("partners_created_at_idx").on(t.createdAt),
    index("partners_plan_idx").on(t.commissionPlanId),
    check("partners_email_lower", sql`${t.email} = lower(${t.email})`),
    check("partners_rate_range", sql`${t.commissionRateBps} between 0 and 10000`),
  ],
);

export const partnerCodes = pgTable(
  "partner_codes",
  {
    id: id(),
    partnerId: ref(() => partners.id),
    /** Stored upper-case; matched case-insensitively by upper-casing the input. */
    code: text().notNull(),
    isCurrent: boolean().notNull().default(true),
    createdAt: createdAt(),
    retiredAt: ts(),
  },
  (t) => [
    uniqueIndex("partner_codes_code_key").on(t.code),
    uniqueIndex("partner_codes_one_current")
      .on(t.partnerId)
      .where(sql`${t.isCurrent}`),
    index("partner_codes_partner_idx").on(t.partnerId),
    check("partner_codes_upper", sql`${t.code} = upper(${t.code})`),
  ],
);
