import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ref, ts } from "./columns";
import { partners } from "./partners";
import { referrals } from "./referrals";

/**
 * What a referral was seen with (salted IP hash, normalised e-mail and phone, each hashed): the indexed
 * lookups behind the velocity and shared-identity signals at capture. Values are hashes, never the raw text.
 */
export const riskIdentities = pgTable(
  "risk_identities",
  {
    id: id(),
    referralId: ref(() => referrals.id),
    partnerId: ref(() => partners.id),
    /** IP, EMAIL, PHONE or DEVICE (the device cookie's id); values are hashes */
    kind: text().notNull(),
    value: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("risk_identities_value_idx").on(t.kind, t.value, t.createdAt),
    index("risk_identities_referral_idx").on(t.referralId),
  ],
);

/** One fraud signal on a referral (or on a partner, when `referralId` is null), with its evidence. */
export const riskSignals = pgTable(
  "risk_signals",
  {
    id: id(),
    referralId: uuid().references(() => referrals.id),
    partnerId: ref(() => partners.id),
    /** VELOCITY, SHARED_IDENTITY, NO_CLICK, TOO_FAST_FORM, TOO_FAST_CONVERSION, DISPOSABLE_EMAIL, PARTNER_OUTLIER, SELF_REFERRAL, DUPLICATE_LEAD, PARTNER_REVIEW */
    kind: text().notNull(),
    /** The weight the setting had when the signal fired. */
    weight: integer().notNull(),
    evidence: jsonb().notNull().default({}),
    /** OPEN until a review decision closes it. */
    status: text().notNull().default("OPEN"),
    /** CLEARED, FRAUD or ESCALATED */
    decision: text(),
    decidedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    index("risk_signals_referral_idx").on(t.referralId),
    index("risk_signals_open_partner_idx")
      .on(t.partnerId, t.createdAt)
      .where(sql`${t.status} = 'OPEN'`),
  ],
);
