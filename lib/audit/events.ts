import type { DbOrTx } from "@/db";
import { jsonParam, param, reusable } from "@/db/reuse";
import { events } from "@/db/schema";
import type { Actor } from "./actor";

export interface EventInput {
  entityType:
    | "partner"
    | "referral"
    | "reward"
    | "payout"
    | "payout_batch"
    | "report"
    | "lead"
    | "user"
    | "api_key"
    | "settings"
    | "webhook_endpoint"
    | "click"
    | "commission_plan"
    | "privacy_request"
    | "fx_rate";
  entityId: string;
  action: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  before?: unknown;
  after?: unknown;
  data?: unknown;
  /** When it happened, if not now (the demo seed replays history with a fixed clock). */
  at?: Date;
}

const EVENT_COLUMNS = [
  "actorType",
  "actorId",
  "actorLabel",
  "entityType",
  "entityId",
  "action",
  "fromStatus",
  "toStatus",
  "before",
  "after",
  "data",
  "requestId",
  "createdAt",
] as const;

/** The insert of 1 or 2 events with a time given (what lead capture writes), built once per row count. */
const insertEvents = [1, 2].map((n) =>
  reusable(`events_insert_${n}`, (db) =>
    db
      .insert(events)
      .values(
        Array.from({ length: n }, (_, i) =>
          Object.fromEntries(EVENT_COLUMNS.map((c) => [c, param(`${c}${i}`)])),
        ) as unknown as (typeof events.$inferInsert)[],
      ),
  ),
);

/** Writes audit events; call it with the transaction that made the change. */
export async function recordEvents(db: DbOrTx, actor: Actor, inputs: EventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const prepared = insertEvents[inputs.length - 1];
  if (prepared && inputs.every((e) => e.at)) {
    const values: Record<string, unknown> = {};
    inputs.forEach((e, i) => {
      Object.assign(values, {
        [`actorType${i}`]: actor.type,
        [`actorId${i}`]: actor.id,
        [`actorLabel${i}`]: actor.label ?? null,
        [`entityType${i}`]: e.entityType,
        [`entityId${i}`]: e.entityId,
        [`action${i}`]: e.action,
        [`fromStatus${i}`]: e.fromStatus ?? null,
        [`toStatus${i}`]: e.toStatus ?? null,
        [`before${i}`]: jsonParam(e.before),
        [`after${i}`]: jsonParam(e.after),
        [`data${i}`]: jsonParam(e.data),
        [`requestId${i}`]: actor.requestId ?? null,
        [`createdAt${i}`]: e.at!.toISOString(),
      });
    });
    await prepared(db, values);
    return;
  }
  await db.insert(events).values(
    inputs.map((e) => ({
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label ?? null,
      entityType: e.entityType,
      entityId: e.entityId,
      action: e.action,
      fromStatus: e.fromStatus ?? null,
      toStatus: e.toStatus ?? null,
      before: e.before ?? null,
      after: e.after ?? null,
      data: e.data ?? null,
      requestId: actor.requestId ?? null,
      ...(e.at ? { createdAt: e.at } : {}),
    })),
  );
}

export const recordEvent = (db: DbOrTx, actor: Actor, input: EventInput) => recordEvents(db, actor, [input]);
