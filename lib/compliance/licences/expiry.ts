import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { systemActor } from "@/lib/audit/actor";
import { recordEvents } from "@/lib/audit/events";
import { enqueueWebhookEvents } from "@/lib/outbox/enqueue";

/** How many days ahead of its expiry date a verified licence is warned about. */
export const EXPIRY_WARNING_DAYS = 30;
const BATCH = 500;

interface Expiring {
  id: string;
  partner_id: string;
  state: string;
  number: string | null;
  lines: string[] | string;
  expires_on: string;
}

const linesOf = (v: string[] | string): string[] =>
  Array.isArray(v) ? v : v.replace(/[{}]/g, "").split(",").filter(Boolean);
const dateOf = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/**
 * The daily licence job: every verified licence on file whose expiry date is within the next 30 days (UTC)
 * and not yet warned for that date gets one `partner.license_expiring` audit event and webhook, in one
 * transaction with the guarded update that marks it warned (a renewed date warns again).
 */
export async function warnExpiringLicences(db: Db, now: Date) {
  const today = now.toISOString().slice(0, 10);
  return db.transaction(async (tx) => {
    const rows = rowsOf<Expiring>(
      await tx.execute(sql`
        update partner_licences set expiry_warned_for = expires_on
        where id in (
          select id from partner_licences
          where superseded_at is null and verified_at is not null
            and expires_on >= ${today}::date and expires_on <= ${today}::date + ${EXPIRY_WARNING_DAYS}::int
            and expiry_warned_for is distinct from expires_on
          order by expires_on limit ${BATCH}
          for update skip locked)
        returning id, partner_id, state, number, lines, expires_on`),
    );
    if (rows.length === 0) return { warned: 0 };
    const items = rows.map((r) => {
      const expiresOn = dateOf(r.expires_on);
      const days = Math.round((Date.parse(`${expiresOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
      return {
        licenceId: r.id,
        partnerId: r.partner_id,
        state: r.state,
        number: r.number,
        lines: linesOf(r.lines),
        expiresOn,
        daysLeft: days,
      };
    });
    await recordEvents(
      tx,
      systemActor("warn-expiring-licences"),
      items.map((i) => ({
        entityType: "partner" as const,
        entityId: i.partnerId,
        action: "partner.license_expiring",
        data: i,
        at: now,
      })),
    );
    await enqueueWebhookEvents(
      tx,
      items.map((data) => ({ type: "partner.license_expiring" as const, data })),
    );
    return { warned: items.length, more: rows.length === BATCH };
  });
}
