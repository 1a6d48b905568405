import "server-only";
import { and, count, desc, eq, gte, ilike, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { rowsOf, type DbOrTx } from "@/db";
import { ACTOR_TYPES, events } from "@/db/schema";
import { fromParam, likePattern, pageParams, parseList, type ListResult, type RawListInput } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";

export const auditFilterSchema = z
  .object({
    entityType: z.string().trim().min(1).max(40).optional(),
    entityId: z.string().trim().min(1).max(80).optional(),
    /** Actor id (user id, key id, job name) or a part of its label (e-mail, job name). */
    actor: z.string().trim().min(1).max(120).optional(),
    actorType: z.string().trim().toUpperCase().pipe(z.enum(ACTOR_TYPES)).optional(),
    /** Exact action (`reward.approved`) or a prefix ending in a dot (`reward.`). */
    action: z.string().trim().min(1).max(80).optional(),
    from: fromParam.optional(),
    to: pageParams.to,
    page: pageParams.page,
    pageSize: pageParams.pageSize,
  })
  .strict();

export type AuditFilterInput = z.input<typeof auditFilterSchema>;
export type AuditEvent = typeof events.$inferSelect;

function whereOf(f: z.infer<typeof auditFilterSchema>): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.entityType) conds.push(eq(events.entityType, f.entityType));
  if (f.entityId) conds.push(eq(events.entityId, f.entityId));
  if (f.actorType) conds.push(eq(events.actorType, f.actorType));
  if (f.actor) conds.push(or(eq(events.actorId, f.actor), ilike(events.actorLabel, likePattern(f.actor))));
  if (f.action)
    conds.push(
      f.action.endsWith(".") ? ilike(events.action, likePattern(f.action).slice(1)) : eq(events.action, f.action),
    );
  if (f.from) conds.push(gte(events.createdAt, f.from));
  if (f.to) conds.push(lt(events.createdAt, f.to));
  return and(...conds);
}

/** Audit events newest first, filtered by entity, actor, action and time. `total` is capped at COUNT_CAP. */
export async function listAuditEvents(
  db: DbOrTx,
  input: AuditFilterInput,
): Promise<ListResult<AuditEvent> & { totalCapped: boolean }> {
  return queryAuditEvents(db, parseList(auditFilterSchema, input as RawListInput));
}

/** The same with an already parsed filter (the API route parses the query string itself). */
export async function queryAuditEvents(
  db: DbOrTx,
  f: z.output<typeof auditFilterSchema>,
): Promise<ListResult<AuditEvent> & { totalCapped: boolean }> {
  const where = whereOf(f);
  const offset = (f.page - 1) * f.pageSize;
  const [data, [{ n }]] = await Promise.all([
    db
      .select()
      .from(events)
      .where(where)
      .orderBy(desc(events.createdAt), desc(events.id))
      .limit(f.pageSize)
      .offset(offset),
    db.select({ n: count() }).from(
      db
        .select({ one: events.id })
        .from(events)
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("capped"),
    ),
  ]);
  return {
    data,
    pagination: { page: f.page, pageSize: f.pageSize, total: Math.min(n, COUNT_CAP), nextCursor: null },
    totalCapped: n > COUNT_CAP,
  };
}

/** The events of one entity, oldest first: a timeline for detail pages. */
export async function entityTimeline(
  db: DbOrTx,
  entityType: string,
  entityId: string,
  limit = 200,
): Promise<AuditEvent[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.entityType, entityType), eq(events.entityId, entityId)))
    .orderBy(events.createdAt, events.id)
    .limit(limit);
}

/**
 * Distinct entity types and actions seen, for the filter choices. A loose index scan (one index
 * probe per distinct value) instead of a DISTINCT over the whole table, which grows without bound.
 */
export async function auditFacets(db: DbOrTx): Promise<{ entityTypes: string[]; actions: string[] }> {
  const distinct = (col: "entity_type" | "action") =>
    sql.raw(`with recursive v as (
      select min(${col}) as x from events
      union all
      select (select min(${col}) from events where ${col} > v.x) from v where v.x is not null
    ) select x from v where x is not null limit 200`);
  const [types, actions] = await Promise.all([db.execute(distinct("entity_type")), db.execute(distinct("action"))]);
  return {
    entityTypes: rowsOf<{ x: string }>(types).map((r) => r.x),
    actions: rowsOf<{ x: string }>(actions).map((r) => r.x),
  };
}
