"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { centsFromText, intFromText } from "@/lib/form-values";
import { updateSettings, type SettingsKey } from "@/lib/settings/update";

const INT_FIELDS = [
  "defaultCommissionRateBps",
  "attributionWindowDays",
  "leadOwnershipDays",
  "referralExpiryDays",
  "holdDays",
  "payoutDayOfMonth",
  "quoteRateLimit",
  "quoteRateWindowSeconds",
  "loginFailLimit",
  "loginIpFailLimit",
  "loginWindowSeconds",
  "codeValidationRateLimit",
  "codeValidationWindowSeconds",
] as const;

/** The form posts text; numbers are converted here and validated by the settings schema. */
const formSchema = z
  .object({
    businessName: z.string(),
    defaultCurrency: z.string(),
    minimumPayout: z.string(),
    autoApproveRewards: z.boolean(),
    autoApprovePartners: z.boolean(),
    ...Object.fromEntries(INT_FIELDS.map((k) => [k, z.string()])),
  })
  .strict();

export const saveSettings = adminAction(formSchema, async (form, { db, actor }) => {
  const f = form as Record<string, string | boolean>;
  const input: Record<string, unknown> = {
    businessName: f.businessName,
    defaultCurrency: f.defaultCurrency,
    autoApproveRewards: f.autoApproveRewards,
    autoApprovePartners: f.autoApprovePartners,
    minimumPayoutCents: centsFromText(f.minimumPayout),
  };
  for (const k of INT_FIELDS) input[k] = intFromText(f[k]);
  const { changed } = await updateSettings(db, actor, input);
  return { changed: changed as SettingsKey[] };
});
