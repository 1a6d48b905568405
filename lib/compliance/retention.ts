import type { Db } from "@/db";
import { systemActor } from "@/lib/audit/actor";
import { recordEvents } from "@/lib/audit/events";
import { getSettings } from "@/lib/settings";
import { recordsOfLeads, tokensOf } from "./person";
import { anonymiseRecords, staleLeads } from "./privacy";

/** Leads anonymised per run at most, so one run stays short; the next run takes the rest. */
export const RETENTION_BATCH = 200;

/** `months` calendar months before `now` (UTC; the 31st falls back to the month's last day). */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}

/**
 * The retention job: when `retentionAnonymiseMonths` is set, anonymises leads that never converted and came in
 * longer ago than that (docs/compliance.md#retention). Off (null) by default.
 */
export async function anonymiseStaleLeads(db: Db, now: Date) {
  const { retentionAnonymiseMonths: months } = await getSettings(db);
  if (!months) return { enabled: false, anonymised: 0 };
  const cutoff = monthsBefore(now, months);
  return db.transaction(async (tx) => {
    const found = await staleLeads(tx, cutoff, RETENTION_BATCH);
    const r = await recordsOfLeads(tx, found);
    const result = await anonymiseRecords(tx, r, tokensOf(r), now);
    await recordEvents(
      tx,
      systemActor("anonymise-stale-leads"),
      found.map((l) => ({
        entityType: "lead" as const,
        entityId: l.id,
        action: "lead.anonymised",
        data: { via: "RETENTION", retentionMonths: months },
        at: now,
      })),
    );
    return {
      enabled: true,
      cutoff: cutoff.toISOString(),
      anonymised: result.leads,
      more: found.length === RETENTION_BATCH,
    };
  });
}
