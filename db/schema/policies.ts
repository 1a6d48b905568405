import { date, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { cents, createdAt, id, ref } from "./columns";
import { leads } from "./leads";
import { referrals } from "./referrals";

export const policyEventType = pgEnum("policy_event_type", ["ISSUED", "CANCELLED", "RENEWED"]);

/** What a policy event did (docs/compliance.md#policy-events), answered to repeats. */
export interface PolicyOutcome {
  action: "RECORDED" | "HOLD_EXTENDED" | "REWARD_CANCELLED" | "CLAWBACK" | "RENEWAL_REWARD" | "NONE";
  rewardId: string | null;
  /** The clawback or renewal reward this event created. */
  createdRewardId: string | null;
  amountCents: number | null;
  policyYear: number | null;
  explanation: string;
  /** The take-back calculation of a cancellation (lib/policies/takeback.ts). */
  takeBack?: Record<string, unknown>;
}

/** Policy events of a lead (issued, cancelled, renewed), from the API or the CRM; one per (lead, type, date). */
export const policyEvents = pgTable(
  "policy_events",
  {
    id: id(),
    leadId: ref(() => leads.id),
    /** The lead's converted referral at the time, if any. */
    referralId: uuid().references(() => referrals.id),
    type: policyEventType().notNull(),
    effectiveDate: date({ mode: "string" }).notNull(),
    termDays: integer(),
    premiumCents: cents(),
    policyNumber: text(),
    /** API or WEBHOOK. */
    channel: text().notNull(),
    outcome: jsonb().$type<PolicyOutcome>().notNull(),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("policy_events_lead_type_date_key").on(t.leadId, t.type, t.effectiveDate),
    index("policy_events_referral_idx").on(t.referralId),
  ],
);
