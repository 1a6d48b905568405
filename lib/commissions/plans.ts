import { and, asc, count, desc, eq, lte } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { commissionPlans, commissionPlanVersions, partners } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { toDocument } from "./document";
import { planInputSchema, type PlanInput, type PlanPatch } from "./schemas";

export type CommissionPlan = typeof commissionPlans.$inferSelect;
export type PlanVersion = typeof commissionPlanVersions.$inferSelect;

function effectiveAt(given: Date | undefined, now: Date): Date {
  if (!given) return now;
  // A version never reaches back: rewards already computed keep the version that was in force.
  if (given.getTime() < now.getTime() - 60_000)
    throw new AppError("validation", "effectiveFrom must not be in the past", {
      errors: [{ path: "effectiveFrom", message: "Must be now or later" }],
    });
  return given;
}

export async function createPlan(
  db: DbOrTx,
  input: PlanInput,
  actor: Actor,
  clock?: Clock,
): Promise<{ plan: CommissionPlan; version: PlanVersion }> {
  const now = nowOf(clock);
  const doc = toDocument(input);
  const from = effectiveAt(input.effectiveFrom, now);
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .insert(commissionPlans)
      .values({ name: doc.name, currency: doc.currency, createdAt: now, updatedAt: now })
      .returning();
    const [version] = await tx
      .insert(commissionPlanVersions)
      .values({
        planId: plan.id,
        version: 1,
        document: doc,
        effectiveFrom: from,
        createdBy: actor.label ?? actor.id,
        createdAt: now,
      })
      .returning();
    await recordEvent(tx, actor, {
      entityType: "commission_plan",
      entityId: plan.id,
      action: "commission_plan.created",
      data: { version: 1, effectiveFrom: from, document: doc },
      at: now,
    });
    return { plan, version };
  });
}

/** PATCH: a new immutable version = the latest document with the changes, validated as a whole. */
export async function updatePlan(
  db: DbOrTx,
  id: string,
  patch: PlanPatch,
  actor: Actor,
  clock?: Clock,
): Promise<{ plan: CommissionPlan; version: PlanVersion }> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    if (!isUuid(id)) throw notFound("Commission plan");
    const [plan] = await tx.select().from(commissionPlans).where(eq(commissionPlans.id, id)).for("update");
    if (!plan) throw notFound("Commission plan");
    const [latest] = await tx
      .select()
      .from(commissionPlanVersions)
      .where(eq(commissionPlanVersions.planId, id))
      .orderBy(desc(commissionPlanVersions.version))
      .limit(1);
    const { effectiveFrom, ...changes } = patch;
    const merged = {
      ...latest.document,
      ...changes,
      tierBasis: changes.tierBasis === null ? undefined : (changes.tierBasis ?? latest.document.tierBasis),
    };
    const parsed = planInputSchema.safeParse(merged);
    if (!parsed.success)
      throw new AppError("validation", "The plan would contradict itself", {
        errors: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      });
    const doc = toDocument(parsed.data);
    const from = effectiveAt(effectiveFrom, now);
    const [version] = await tx
      .insert(commissionPlanVersions)
      .values({
        planId: id,
        version: latest.version + 1,
        document: doc,
        effectiveFrom: from,
        createdBy: actor.label ?? actor.id,
        createdAt: now,
      })
      .returning();
    const [updated] = await tx
      .update(commissionPlans)
      .set({ name: doc.name, currency: doc.currency, updatedAt: now })
      .where(eq(commissionPlans.id, id))
      .returning();
    await recordEvent(tx, actor, {
      entityType: "commission_plan",
      entityId: id,
      action: "commission_plan.versioned",
      before: { version: latest.version, document: latest.document },
      after: { version: version.version, document: doc },
      data: { effectiveFrom: from },
      at: now,
    });
    return { plan: updated, version };
  });
}

export async function getPlan(db: DbOrTx, id: string): Promise<CommissionPlan> {
  if (!isUuid(id)) throw notFound("Commission plan");
  const [plan] = await db.select().from(commissionPlans).where(eq(commissionPlans.id, id));
  if (!plan) throw notFound("Commission plan");
  return plan;
}

/** A partner's plan must exist: otherwise a validation error naming the field. */
export async function assertPlanExists(db: DbOrTx, id: string): Promise<void> {
  const [p] = await db.select({ id: commissionPlans.id }).from(commissionPlans).where(eq(commissionPlans.id, id));
  if (!p)
    throw new AppError("validation", "No commission plan with this id", {
      errors: [{ path: "commissionPlanId", message: "No commission plan with this id" }],
    });
}

export async function getDefaultPlan(db: DbOrTx): Promise<CommissionPlan> {
  const [plan] = await db.select().from(commissionPlans).where(eq(commissionPlans.isDefault, true));
  if (!plan) throw new Error("default commission plan missing: run migrations");
  return plan;
}

export const planVersions = (db: DbOrTx, planId: string): Promise<PlanVersion[]> =>
  db
    .select()
    .from(commissionPlanVersions)
    .where(eq(commissionPlanVersions.planId, planId))
    .orderBy(desc(commissionPlanVersions.version));

/** The version in force at `at`, or null when the plan's first version starts later. */
export async function versionAt(db: DbOrTx, planId: string, at: Date): Promise<PlanVersion | null> {
  const [v] = await db
    .select()
    .from(commissionPlanVersions)
    .where(and(eq(commissionPlanVersions.planId, planId), lte(commissionPlanVersions.effectiveFrom, at)))
    .orderBy(desc(commissionPlanVersions.effectiveFrom), desc(commissionPlanVersions.version))
    .limit(1);
  return v ?? null;
}

/** Every plan with its partner count (partners with no plan count for the default plan). */
export async function listPlans(db: DbOrTx): Promise<(CommissionPlan & { partnerCount: number })[]> {
  const plans = await db
    .select()
    .from(commissionPlans)
    .orderBy(desc(commissionPlans.isDefault), asc(commissionPlans.name));
  const counts = await db
    .select({ planId: partners.commissionPlanId, n: count() })
    .from(partners)
    .groupBy(partners.commissionPlanId);
  const by = new Map(counts.map((c) => [c.planId, Number(c.n)]));
  return plans.map((p) => ({ ...p, partnerCount: (by.get(p.id) ?? 0) + (p.isDefault ? (by.get(null) ?? 0) : 0) }));
}
