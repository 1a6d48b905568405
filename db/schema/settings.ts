import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { cents, updatedAt } from "./columns";

/** Program settings: a single row (id = 1) holding every default of CONTRACT.md. */
export const settings = pgTable(
  "settings",
  {
    id: integer().primaryKey().default(1),
    businessName: text().notNull().default("Acme Insurance Quotes"),
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
    /** Standard Webhooks secret (`whsec_…`) for inbound CRM events; null until configured. */
    inboundWebhookSecret: text(),
    quoteRateLimit: integer().notNull().default(10),
    quoteRateWindowSeconds: integer().notNull().default(600),
    loginFailLimit: integer().notNull().default(5),
    loginIpFailLimit: integer().notNull().default(50),
    loginWindowSeconds: integer().notNull().default(900),
    codeValidationRateLimit: integer().notNull().default(60),
    codeValidationWindowSeconds: integer().notNull().default(60),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("settings_singleton", sql`${t.id} = 1`),
    check("settings_rate_range", sql`${t.defaultCommissionRateBps} between 0 and 10000`),
    check("settings_payout_day", sql`${t.payoutDayOfMonth} between 1 and 28`),
  ],
);
