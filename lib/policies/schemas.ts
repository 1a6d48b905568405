import { z } from "zod";
import { enumInput, optionalText } from "@/lib/validation";

export const POLICY_EVENT_TYPES = ["ISSUED", "CANCELLED", "RENEWED"] as const;
export type PolicyEventType = (typeof POLICY_EVENT_TYPES)[number];

/** The inbound CRM webhook type of each policy event (docs/compliance.md#policy-events). */
export const POLICY_WEBHOOK_TYPES = {
  "policy.issued": "ISSUED",
  "policy.cancelled": "CANCELLED",
  "policy.renewed": "RENEWED",
} as const satisfies Record<string, PolicyEventType>;

const dateOnly = z
  .string({ error: () => "Give the date as YYYY-MM-DD" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Give the date as YYYY-MM-DD")
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && new Date(Date.parse(s)).toISOString().startsWith(s),
    "Not a calendar date",
  );

/**
 * `POST /api/v1/leads/{id}/policy-events` and the data of the inbound `policy.*` webhooks: one event of the
 * lead's policy. Idempotent per (lead, type, effectiveDate).
 */
export const policyEventInputSchema = z.strictObject({
  type: enumInput(POLICY_EVENT_TYPES),
  effectiveDate: dateOnly,
  termDays: z.number().int("Whole days").min(1, "At least 1 day").max(3660, "At most 3,660 days").optional(),
  premiumCents: z.number().int("Whole cents").min(0, "Must not be negative").max(100_000_000_00).optional(),
  policyNumber: optionalText(64),
});
export type PolicyEventInput = z.infer<typeof policyEventInputSchema>;
