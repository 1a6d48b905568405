import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partnerLicences } from "@/db/schema";
import type { InsuranceType } from "@/db/schema/enums";
import { lineOfInsuranceType, statusFromLicences, type LicenceReason } from "@/lib/compliance/licences";

/** `LICENSED`, why not (`NO_LICENCE`, `LINE_NOT_COVERED`, `UNVERIFIED`, `EXPIRED`), or `NO_STATE`. */
export type ExportLicenceStatus = LicenceReason | "NO_STATE";

/**
 * The licence status of many (partner, state, line, moment) at once, for the compensation export: the
 * partners' licence history is read in one statement and each row is judged by `statusFromLicences`, the
 * rule behind `licenceStatusAt` (docs/compliance.md#licences), so an export of many rows stays one query.
 */
export async function licenceStatuses(db: DbOrTx, partnerIds: string[]) {
  const rows = partnerIds.length
    ? await db
        .select()
        .from(partnerLicences)
        .where(inArray(partnerLicences.partnerId, [...new Set(partnerIds)]))
    : [];
  const byPartner = new Map<string, typeof rows>();
  for (const r of rows) byPartner.set(r.partnerId, [...(byPartner.get(r.partnerId) ?? []), r]);
  return (partnerId: string, state: string | null, line: InsuranceType | null, at: Date) => {
    if (!state) return { status: "NO_STATE" as ExportLicenceStatus, number: null };
    const s = state.trim().toUpperCase();
    const st = statusFromLicences(byPartner.get(partnerId) ?? [], s, lineOfInsuranceType(line), at);
    return { status: st.reason as ExportLicenceStatus, number: st.number };
  };
}
