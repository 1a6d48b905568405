import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { PlanDocument } from "@/lib/commissions/types";
import { createdAt, currency, id, ref, timestamps, ts } from "./columns";

/**
 * A commission plan: a name and a currency; what it pays lives in its versions. Exactly one plan is the
 * program's default (partners whose `commissionPlanId` is null are on it).
 */
export const commissionPlans = pgTable(
  "commission_plans",
  {
    id: id(),
    name: text().notNull(),
    currency: currency(),
    isDefault: boolean().notNull().default(false),
    ...timestamps,
  },
  (t) => [
    uniqueIndex("commission_plans_one_default")
      .on(t.isDefault)
      .where(sql`${t.isDefault}`),
  ],
);

/**
 * An immutable version of a plan (insert-only): the rules, tiers, bonuses and monthly cap as one validated
 * document (`lib/commissions/schemas.ts`). The version in force at a moment is the latest whose
 * `effectiveFrom` is not after it.
 */
export const commissionPlanVersions = pgTable(
  "commission_plan_versions",
  {
    id: id(),
    planId: ref(() => commissionPlans.id),
    version: integer().notNull(),
    document: jsonb().$type<PlanDocument>().notNull(),
    effectiveFrom: ts().notNull(),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("commission_plan_versions_plan_version_key").on(t.planId, t.version),
    index("commission_plan_versions_effective_idx").on(t.planId, t.effectiveFrom),
  ],
);
