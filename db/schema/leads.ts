import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { cents, createdAt, id, ref, timestamps, ts } from "./columns";
import { insuranceType, leadStatus } from "./enums";

export const leads = pgTable(
  "leads",
  {
    id: id(),
    firstName: text().notNull(),
    lastName: text().notNull(),
    /** Lower-case. */
    email: text(),
    /** Digits only (E.164 without "+", or national digits). */
    phone: text(),
    state: text(),
    zip: text(),
    externalId: text(),
    insuranceType: insuranceType().notNull(),
    status: leadStatus().notNull().default("NEW"),
    message: text(),
    /** Value of the sale (e.g. first-year premium) when converted. */
    conversionValueCents: cents(),
    statusChangedAt: ts(),
    /** Set when a privacy erasure or the retention job replaced the person's data (docs/compliance.md). */
    anonymisedAt: ts(),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("leads_external_id_key").on(t.externalId),
    index("leads_email_idx").on(t.email, t.createdAt),
    index("leads_phone_idx").on(t.phone, t.createdAt),
    index("leads_created_at_idx").on(t.createdAt),
    index("leads_status_idx").on(t.status, t.createdAt),
  ],
);

/** Consent evidence, one row per submission: merging a repeat lead never overwrites earlier evidence. */
export const leadConsents = pgTable(
  "lead_consents",
  {
    id: id(),
    leadId: ref(() => leads.id),
    textVersion: text().notNull(),
    /** SHA-256 (hex) of the exact consent text shown. */
    textHash: text().notNull(),
    consentedAt: createdAt(),
    ip: text(),
    userAgent: text(),
    pageUrl: text(),
    /** FORM, API, PARTNER, WEBHOOK */
    channel: text().notNull(),
  },
  (t) => [index("lead_consents_lead_idx").on(t.leadId, t.consentedAt)],
);
