import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cents, createdAt, id, ref, timestamps, ts } from "./columns";
import { referralSource, referralStatus } from "./enums";
import { leads } from "./leads";
import { partners } from "./partners";

/** A visit through a referral link (`/r/CODE`), valid or not. */
export const referralClicks = pgTable(
  "referral_clicks",
  {
    id: id(),
    partnerId: uuid().references(() => partners.id),
    code: text().notNull(),
    valid: boolean().notNull(),
    invalidReason: text(),
    landingUrl: text(),
    referrer: text(),
    /** SHA-256 of the visitor IP with a server-side salt; the raw IP is never stored. */
    ipHash: text(),
    userAgent: text(),
    subId: text(),
    utmSource: text(),
    utmMedium: text(),
    utmCampaign: text(),
    utmTerm: text(),
    utmContent: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("referral_clicks_partner_idx").on(t.partnerId, t.createdAt),
    index("referral_clicks_created_idx").on(t.createdAt),
  ],
);

export const referrals = pgTable(
  "referrals",
  {
    id: id(),
    partnerId: ref(() => partners.id),
    /** The code as used (current code or an alias), upper-case. */
    referralCode: text().notNull(),
    leadId: uuid().references(() => leads.id),
    clickId: uuid().references(() => referralClicks.id),
    source: referralSource().notNull().default("WEBSITE"),
    status: referralStatus().notNull().default("PENDING"),
    /** SELF_REFERRAL, DUPLICATE_LEAD, PARTNER_INACTIVE, LEAD_LOST, WITHDRAWN, or an admin's text. */
    rejectionReason: text(),
    subId: text(),
    utmSource: text(),
    utmMedium: text(),
    utmCampaign: text(),
    utmTerm: text(),
    utmContent: text(),
    notes: text(),
    conversionValueCents: cents(),
    currency: text().notNull().default("USD"),
    expiresAt: ts().notNull(),
    acceptedAt: ts(),
    rejectedAt: ts(),
    convertedAt: ts(),
    paidAt: ts(),
    expiredAt: ts(),
    ...timestamps,
  },
  (t) => [
    /** One live referral per lead; rejected duplicates are still recorded. */
    uniqueIndex("referrals_one_live_per_lead")
      .on(t.leadId)
      .where(sql`${t.leadId} is not null and ${t.status} <> 'REJECTED'`),
    index("referrals_partner_created_idx").on(t.partnerId, t.createdAt),
    index("referrals_partner_status_idx").on(t.partnerId, t.status),
    index("referrals_status_expires_idx").on(t.status, t.expiresAt),
    index("referrals_created_idx").on(t.createdAt),
    index("referrals_lead_idx").on(t.leadId),
    check(
      "referrals_conversion_value_nonneg",
      sql`${t.conversionValueCents} is null or ${t.conversionValueCents} >= 0`,
    ),
  ],
);
