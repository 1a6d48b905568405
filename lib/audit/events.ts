import type { DbOrTx } from "@/db";
import { events } from "@/db/schema";
import type { Actor } from "./actor";

export interface EventInput {
  entityType:
    | "partner"
    | "referral"
    | "reward"
    | "payout"
    | "lead"
    | "user"
    | "api_key"
    | "settings"
    | "webhook_endpoint"
    | "click";
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

/** Writes audit events; call it with the transaction that made the change. */
export async function recordEvents(db: DbOrTx, actor: Actor, inputs: EventInput[]): Promise<void> {
  if (inputs.length === 0) return;
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
