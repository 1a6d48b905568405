import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { partners } from "@/db/schema";
import { systemActor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { partnerMetrics } from "./resolve";
import { tierProgress } from "./summary";
import type { PlanDocument } from "./types";

interface Candidate {
  id: string;
  tier_id: string | null;
  plan_id: string | null;
  version: number | null;
  document: PlanDocument | string | null;
}

const actor = systemActor("tier-changes");

/**
 * The daily tier job (docs/commissions.md#tier-changes): every partner whose plan has tiers, or who had a
 * tier, gets the tier their trailing metric reaches now. A change is one guarded UPDATE of
 * `partners.tier_id` (from the tier last recorded), its `partner.tier_changed` audit event and webhook, in
 * one transaction; a concurrent run that lost the race changes nothing.
 */
export async function recordTierChanges(db: Db, now: Date): Promise<{ checked: number; changed: number }> {
  const iso = now.toISOString();
  const candidates = rowsOf<Candidate>(
    await db.execute(sql`
      select p.id, p.tier_id, v.plan_id, v.version, v.document
      from partners p
      left join lateral (
        select plan_id, version, document from commission_plan_versions
        where plan_id = coalesce(p.commission_plan_id, (select id from commission_plans where is_default))
          and effective_from <= ${iso}::timestamptz
        order by effective_from desc, version desc limit 1
      ) v on true
      where p.status <> 'TERMINATED'
        and (p.tier_id is not null or jsonb_array_length(coalesce(v.document->'tiers', '[]'::jsonb)) > 0)`),
  );
  let changed = 0;
  for (const c of candidates) {
    const doc = (typeof c.document === "string" ? JSON.parse(c.document) : c.document) as PlanDocument | null;
    const tiers = doc?.tiers ?? [];
    const trailing = doc && tiers.length ? (await partnerMetrics(db, c.id, doc, now)).trailing : undefined;
    const progress = doc && trailing ? tierProgress(doc, trailing) : null;
    const tier = progress?.current ?? null;
    const to = tier?.id ?? null;
    if (to === c.tier_id) continue;
    const fromIndex = tiers.findIndex((t) => t.id === c.tier_id);
    const direction = to !== null && tiers.findIndex((t) => t.id === to) > fromIndex ? "UP" : "DOWN";
    const data = {
      partnerId: c.id,
      planId: c.plan_id,
      planVersion: c.version === null ? null : Number(c.version),
      fromTierId: c.tier_id,
      fromName: fromIndex >= 0 ? tiers[fromIndex].name : null,
      toTierId: to,
      toName: tier?.name ?? null,
      direction,
      rateBps: tier?.rateBps ?? null,
      multiplierBps: tier?.multiplierBps ?? null,
      metric: progress?.metric ?? null,
      window: progress?.window ?? null,
      value: progress?.value ?? null,
      changedAt: iso,
    };
    const done = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(partners)
        .set({ tierId: to, updatedAt: now })
        .where(and(eq(partners.id, c.id), sql`${partners.tierId} is not distinct from ${c.tier_id}`))
        .returning({ id: partners.id });
      if (!row) return false;
      await recordEvent(tx, actor, {
        entityType: "partner",
        entityId: c.id,
        action: "partner.tier_changed",
        data,
        at: now,
      });
      await enqueueWebhookEvent(tx, "partner.tier_changed", data);
      return true;
    });
    if (done) changed++;
  }
  return { checked: candidates.length, changed };
}
