import { sql } from "drizzle-orm";
import { check, date, index, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, id, ref, ts } from "./columns";
import { partners } from "./partners";

/** Lines of authority a producer licence grants (docs/compliance.md#licences). */
export const licenceLine = pgEnum("licence_line", ["LIFE_HEALTH", "PROPERTY_CASUALTY"]);
export const LICENCE_LINES = licenceLine.enumValues;
export type LicenceLine = (typeof LICENCE_LINES)[number];

/**
 * A partner's producer licence in one state, insert-only: a change closes the row (`supersededAt`) and
 * writes a new one, so the licence status at any past moment can be answered (`licenceStatusAt`). At most
 * one open row per partner and state.
 */
export const partnerLicences = pgTable(
  "partner_licences",
  {
    id: id(),
    partnerId: ref(() => partners.id),
    /** Two-letter code, upper-case. */
    state: text().notNull(),
    number: text(),
    lines: licenceLine().array().notNull(),
    /** The last day the licence is valid (UTC); null only on unverified rows (carried over, not yet checked). */
    expiresOn: date({ mode: "string" }),
    /** Set when a verifier confirmed the licence; null = unverified (counts as unlicensed). */
    verifiedAt: ts(),
    verifiedBy: text(),
    /** The verifier that recorded it (`MANUAL`: an admin's attestation; a registry lookup later). */
    verificationMethod: text(),
    evidenceNote: text(),
    /** The expiry date the 30-day warning was sent for (a renewed date warns again). */
    expiryWarnedFor: date({ mode: "string" }),
    createdBy: text(),
    createdAt: createdAt(),
    supersededAt: ts(),
  },
  (t) => [
    uniqueIndex("partner_licences_open_key")
      .on(t.partnerId, t.state)
      .where(sql`${t.supersededAt} is null`),
    index("partner_licences_partner_idx").on(t.partnerId, t.state, t.createdAt),
    index("partner_licences_expiry_idx")
      .on(t.expiresOn)
      .where(sql`${t.supersededAt} is null and ${t.verifiedAt} is not null`),
    check("partner_licences_state_upper", sql`${t.state} ~ '^[A-Z]{2}$'`),
    check("partner_licences_lines", sql`cardinality(${t.lines}) > 0`),
    check("partner_licences_verified_expiry", sql`${t.verifiedAt} is null or ${t.expiresOn} is not null`),
  ],
);
