"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { erasePerson, exportPerson } from "@/lib/compliance/privacy";
import { privacyEraseSchema, privacySubjectSchema } from "@/lib/compliance/schemas";
import { intFromText } from "@/lib/form-values";
import { updateSettings } from "@/lib/settings/update";

/** The export as the API gives it, serialised once so the browser can offer it as a file. */
export const exportPersonAction = adminAction(privacySubjectSchema, async (subject, { db, actor }) => {
  const e = await exportPerson(db, subject, actor);
  return { counts: e.counts, requestId: e.requestId, json: JSON.stringify(e, null, 2) };
});

export const erasePersonAction = adminAction(privacyEraseSchema, async (input, { db, actor }) => {
  const r = await erasePerson(db, input, actor);
  return { requestId: r.requestId, leads: r.leads, consents: r.consents, clicks: r.clicks };
});

/** Empty turns the retention job off. */
export const saveRetentionAction = adminAction(
  z.strictObject({ retentionAnonymiseMonths: z.string().optional() }),
  async ({ retentionAnonymiseMonths: text }, { db, actor }) => {
    const months = text?.trim() ? intFromText(text) : null;
    const { settings } = await updateSettings(db, actor, { retentionAnonymiseMonths: months });
    return { months: settings.retentionAnonymiseMonths };
  },
);
