import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Db } from "@/db";
import { settings } from "@/db/schema";
import { recordEvent } from "@/lib/audit/events";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";
import { bankOriginatorSchema } from "@/lib/payouts/files/originator";
import { licenceStateRulesSchema } from "@/lib/compliance/state-rules";
import { riskRules, riskRulesSchema } from "@/lib/risk/rules";
import { policyWindowsSchema } from "@/lib/compliance/policy-windows";

/** MANUAL: an admin creates each batch; AUTO: the draft-payout-batch job drafts one on the payout day. */
export const PAYOUT_SCHEDULES = ["MANUAL", "AUTO"] as const;

export type StoredSettings = typeof settings.$inferSelect;

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

/**
 * Every program setting an admin may change (defaults in db/schema/settings.ts). Partial: send only what changes.
 * The inbound webhook secret is not here: it belongs to the webhooks settings page.
 */
export const settingsUpdateSchema = z
  .object({
    businessName: z
      .string()
      .trim()
      .min(1, "Business name is required")
      .max(120, "Business name is at most 120 characters"),
    /** E-mail brand (lib/mail/templates/layout.tsx): an https logo, or none for the name alone. */
    brandLogoUrl: z
      .url({ protocol: /^https$/, error: "Logo URL must be an https:// address" })
      .max(2000, "Logo URL is at most 2,000 characters")
      .nullable(),
    brandAccentColor: z
      .string()
      .trim()
      .regex(/^#[0-9a-fA-F]{6}$/, "Accent colour must be a hex colour like #1d4ed8")
      .transform((c) => c.toLowerCase()),
    defaultCommissionRateBps: int(0, 10_000, "Default commission rate"),
    defaultCurrency: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, "Currency must be a three-letter ISO 4217 code"),
    attributionWindowDays: int(1, 365, "Attribution window"),
    leadOwnershipDays: int(1, 730, "Lead ownership window"),
    referralExpiryDays: int(1, 730, "Referral expiry"),
    holdDays: int(0, 365, "Hold period"),
    autoApproveRewards: z.boolean(),
    autoApprovePartners: z.boolean(),
    minimumPayoutCents: int(0, 100_000_000, "Minimum payout"),
    payoutDayOfMonth: int(1, 28, "Payout day"),
    payoutDetailsCoolingOffHours: int(0, 720, "Cooling-off period"),
    payoutSchedule: z.preprocess(
      (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
      z.enum(PAYOUT_SCHEDULES, { error: () => "Payout schedule must be MANUAL or AUTO" }),
    ),
    form1099ThresholdCents: int(0, 100_000_000, "1099-NEC threshold"),
    bankOriginator: bankOriginatorSchema.nullable(),
    quoteRateLimit: int(1, 1_000_000, "Quote form limit"),
    quoteRateWindowSeconds: int(1, 86_400, "Quote form window"),
    loginFailLimit: int(1, 1_000, "Sign-in failures per e-mail and IP"),
    loginIpFailLimit: int(1, 100_000, "Sign-in failures per IP"),
    loginWindowSeconds: int(1, 86_400, "Sign-in window"),
    codeValidationRateLimit: int(1, 1_000_000, "Code validation limit"),
    codeValidationWindowSeconds: int(1, 86_400, "Code validation window"),
    /** Fraud signal weights and thresholds (docs/fraud-review.md); the whole object is replaced. */
    riskRules: riskRulesSchema,
    /** Free-look and chargeback windows (docs/compliance.md#policy-windows); the whole table is replaced. */
    policyWindows: policyWindowsSchema,
    retentionAnonymiseMonths: int(1, 240, "Retention period").nullable(),
    /** The unlicensed referral fee when the partner's plan sets none (docs/compliance.md#state-rules). */
    unlicensedReferralFeeCents: int(0, 100_000_000, "Unlicensed referral fee").nullable(),
    /** The per-state rule table for unlicensed partners; the whole table is replaced. */
    licenceStateRules: licenceStateRulesSchema,
  })
  .strict()
  .partial();

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;
export type SettingsKey = keyof SettingsUpdate;
export const SETTINGS_KEYS = Object.keys(settingsUpdateSchema.shape) as SettingsKey[];

/** The stored row, without the environment's rate-limit overrides (what the form edits). */
export async function getStoredSettings(db: DbOrTx): Promise<StoredSettings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: run migrations");
  return row;
}

/** Rules between fields, checked against the merged result so a partial update cannot break them. */
function crossFieldErrors(s: StoredSettings) {
  const errors: { path: string; message: string }[] = [];
  if (s.loginIpFailLimit < s.loginFailLimit)
    errors.push({ path: "loginIpFailLimit", message: "The per-IP cap must be at least the per e-mail and IP limit" });
  if (s.leadOwnershipDays < s.attributionWindowDays)
    errors.push({
      path: "leadOwnershipDays",
      message: "Lead ownership must last at least as long as the attribution window",
    });
  return errors;
}

/**
 * Applies a settings change in one transaction (row locked) and records one `settings.updated`
 * event with the changed fields before and after. Returns the stored row.
 */
export async function updateSettings(
  db: Db,
  actor: Actor,
  input: unknown,
): Promise<{ settings: StoredSettings; changed: SettingsKey[] }> {
  const parsed = settingsUpdateSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("validation", "Some settings are invalid", {
      errors: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message })),
    });
  }
  const patch = parsed.data;
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(settings).where(eq(settings.id, 1)).for("update");
    if (!current) throw new Error("settings row missing: run migrations");
    // Risk rules count as changed only when the rules in force change (missing keys are their defaults).
    const comparable = (k: SettingsKey, v: unknown) => JSON.stringify(k === "riskRules" ? riskRules(v) : v);
    const same = (k: SettingsKey) => comparable(k, patch[k]) === comparable(k, current[k]);
    const changed = SETTINGS_KEYS.filter((k) => patch[k] !== undefined && !same(k));
    if (changed.length === 0) return { settings: current, changed };
    const errors = crossFieldErrors({ ...current, ...patch });
    if (errors.length) throw new AppError("validation", errors[0].message, { errors });
    const values = Object.fromEntries(changed.map((k) => [k, patch[k]]));
    const [row] = await tx.update(settings).set(values).where(eq(settings.id, 1)).returning();
    await recordEvent(tx, actor, {
      entityType: "settings",
      entityId: "1",
      action: "settings.updated",
      before: Object.fromEntries(changed.map((k) => [k, current[k]])),
      after: values,
    });
    return { settings: row, changed };
  });
}
