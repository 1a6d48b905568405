import { z } from "zod";
import { EXAMPLE_LICENCE_STATE_RULES, type LicenceStateRule } from "@/db/schema/settings";
import { requiredText } from "@/lib/validation";

export { EXAMPLE_LICENCE_STATE_RULES, type LicenceStateRule };

/** The row that applies to leads with no state, or in a state without an enforced row. */
export const DEFAULT_RULE_STATE = "DEFAULT";

const cents = (label: string) =>
  z
    .number({ error: () => `${label} must be whole cents` })
    .int(`${label} must be whole cents`)
    .min(0, `${label} must not be negative`)
    .max(100_000_000, `${label} is too large`)
    .nullable();

export const licenceStateRuleSchema = z.strictObject({
  state: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
    z
      .string({ error: () => "A two-letter state code, or DEFAULT" })
      .regex(/^([A-Z]{2}|DEFAULT)$/, "A two-letter state code, or DEFAULT"),
  ),
  enforced: z.boolean({ error: () => "true or false" }),
  unlicensedFeesAllowed: z.boolean({ error: () => "true or false" }),
  maxFeePerReferralCents: cents("The maximum fee per referral"),
  annualCapPerPersonCents: cents("The annual cap per referred person"),
  nonCashRequired: z.boolean({ error: () => "true or false" }),
  note: requiredText(300, "Say where the rule comes from"),
});

/** The whole table (docs/compliance.md#state-rules): one row per state, replaced as a whole. */
export const licenceStateRulesSchema = z
  .array(licenceStateRuleSchema)
  .max(60)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      if (seen.has(r.state)) ctx.addIssue({ code: "custom", path: [i, "state"], message: `${r.state} has two rows` });
      seen.add(r.state);
    });
  });

/**
 * The rule licences are checked under for a lead: the state's row when it is switched on, else the
 * `DEFAULT` row when switched on, else none: the program default, today's behaviour (conversion rewards
 * allowed, nothing checked).
 */
export function stateRuleFor(rules: LicenceStateRule[], state: string | null): LicenceStateRule | null {
  const own = state ? rules.find((r) => r.state === state) : undefined;
  if (own?.enforced) return own;
  const fallback = rules.find((r) => r.state === DEFAULT_RULE_STATE);
  return fallback?.enforced ? fallback : null;
}
