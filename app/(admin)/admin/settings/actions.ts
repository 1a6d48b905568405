"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { centsFromText, decimalFromText, intFromText } from "@/lib/form-values";
import { DEFAULT_RULES, SIGNAL_KINDS } from "@/lib/risk/rules";
import { updateSettings, type SettingsKey } from "@/lib/settings/update";

const INT_FIELDS = [
  "defaultCommissionRateBps",
  "attributionWindowDays",
  "leadOwnershipDays",
  "referralExpiryDays",
  "holdDays",
  "payoutDayOfMonth",
  "payoutDetailsCoolingOffHours",
  "quoteRateLimit",
  "quoteRateWindowSeconds",
  "loginFailLimit",
  "loginIpFailLimit",
  "loginWindowSeconds",
  "codeValidationRateLimit",
  "codeValidationWindowSeconds",
] as const;

/** The risk thresholds of the form: every one a whole number but the outlier factor. */
const RISK_FIELDS = Object.keys(DEFAULT_RULES) as (keyof typeof DEFAULT_RULES)[];

/** The form posts text; numbers are converted here and validated by the settings schema. */
const formSchema = z
  .object({
    businessName: z.string(),
    brandLogoUrl: z.string(),
    brandAccentColor: z.string(),
    riskRules: z
      .object({
        weights: z.object(Object.fromEntries(SIGNAL_KINDS.map((k) => [k, z.string()]))).strict(),
        ...Object.fromEntries(RISK_FIELDS.map((k) => [k, z.string()])),
      })
      .strict(),
    defaultCurrency: z.string(),
    minimumPayout: z.string(),
    form1099Threshold: z.string(),
    payoutSchedule: z.string(),
    autoApproveRewards: z.boolean(),
    autoApprovePartners: z.boolean(),
    ...Object.fromEntries(INT_FIELDS.map((k) => [k, z.string()])),
  })
  .strict();

export const saveSettings = adminAction(formSchema, async (form, { db, actor }) => {
  const f = form as unknown as Record<string, string | boolean>;
  const risk = form.riskRules as Record<string, string> & { weights: Record<string, string> };
  const input: Record<string, unknown> = {
    businessName: f.businessName,
    brandLogoUrl: String(f.brandLogoUrl).trim() || null,
    brandAccentColor: f.brandAccentColor,
    riskRules: {
      weights: Object.fromEntries(SIGNAL_KINDS.map((k) => [k, intFromText(risk.weights[k])])),
      ...Object.fromEntries(
        RISK_FIELDS.map((k) => [k, k === "outlierMadFactor" ? decimalFromText(risk[k]) : intFromText(risk[k])]),
      ),
    },
    defaultCurrency: f.defaultCurrency,
    autoApproveRewards: f.autoApproveRewards,
    autoApprovePartners: f.autoApprovePartners,
    minimumPayoutCents: centsFromText(f.minimumPayout),
    form1099ThresholdCents: centsFromText(f.form1099Threshold),
    payoutSchedule: f.payoutSchedule,
  };
  for (const k of INT_FIELDS) input[k] = intFromText(f[k]);
  const { changed } = await updateSettings(db, actor, input);
  return { changed: changed as SettingsKey[] };
});

const moneyOrNull = (s: string) => (s.trim() === "" ? null : centsFromText(s));

/** The unlicensed-partner rules: the program's referral fee and the per-state table, replaced as a whole. */
export const saveLicenceRulesAction = adminAction(
  z
    .object({
      unlicensedReferralFee: z.string(),
      rules: z.array(
        z
          .object({
            state: z.string(),
            enforced: z.boolean(),
            unlicensedFeesAllowed: z.boolean(),
            maxFeePerReferral: z.string(),
            annualCapPerPerson: z.string(),
            nonCashRequired: z.boolean(),
            note: z.string(),
          })
          .strict(),
      ),
    })
    .strict(),
  async ({ unlicensedReferralFee, rules }, { db, actor }) => {
    const { changed } = await updateSettings(db, actor, {
      unlicensedReferralFeeCents: moneyOrNull(unlicensedReferralFee),
      licenceStateRules: rules.map(({ maxFeePerReferral, annualCapPerPerson, ...r }) => ({
        ...r,
        maxFeePerReferralCents: moneyOrNull(maxFeePerReferral),
        annualCapPerPersonCents: moneyOrNull(annualCapPerPerson),
      })),
    });
    return { changed: changed as SettingsKey[] };
  },
);

const windowRowSchema = z
  .object({ line: z.string(), state: z.string(), freeLookDays: z.string(), chargebackMonths: z.string() })
  .strict();

/** The policy-window table (docs/compliance.md#policy-windows), replaced whole; an empty state is every state. */
export const savePolicyWindows = adminAction(
  z.object({ rows: z.array(windowRowSchema).max(500) }).strict(),
  async ({ rows }, { db, actor }) => {
    const policyWindows = rows.map((r) => ({
      line: r.line,
      state: r.state.trim() ? r.state : null,
      freeLookDays: intFromText(r.freeLookDays),
      chargebackMonths: intFromText(r.chargebackMonths),
    }));
    const { changed } = await updateSettings(db, actor, { policyWindows });
    return { changed: changed as SettingsKey[] };
  },
);
