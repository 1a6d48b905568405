import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx, Db } from "@/db";
import { settings } from "@/db/schema";
import { recordEvent } from "@/lib/audit/events";
import type { Actor } from "@/lib/audit/actor";
import { AppError } from "@/lib/errors";

export type StoredSettings = typeof settings.$inferSelect;

const int = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what} must be a whole number` })
    .int(`${what} must be a whole number`)
    .min(min, `${what} must be at least ${min}`)
    .max(max, `${what} must be at most ${max}`);

/**
 * Every program default of CONTRACT.md an admin may change. Partial: send only what changes.
 * The inbound webhook secret is not here: it belongs to the webhooks settings page.
 */
export const settingsUpdateSchema = z
  .object({
    businessName: z
      .string()
      .trim()
      .min(1, "Business name is required")
      .max(120, "Business name is at most 120 characters"),
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
    quoteRateLimit: int(1, 1_000_000, "Quote form limit"),
    quoteRateWindowSeconds: int(1, 86_400, "Quote form window"),
    loginFailLimit: int(1, 1_000, "Sign-in failures per e-mail and IP"),
    loginIpFailLimit: int(1, 100_000, "Sign-in failures per IP"),
    loginWindowSeconds: int(1, 86_400, "Sign-in window"),
    codeValidationRateLimit: int(1, 1_000_000, "Code validation limit"),
    codeValidationWindowSeconds: int(1, 86_400, "Code validation window"),
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
    const changed = SETTINGS_KEYS.filter((k) => patch[k] !== undefined && patch[k] !== current[k]);
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
