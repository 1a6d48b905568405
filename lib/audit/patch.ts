import type { DbOrTx } from "@/db";
import type { Actor } from "./actor";
import { recordEvent, type EventInput } from "./events";

/** What a PATCH changes: the fields it sets (undefined means "leave as is"), their new and their old values. */
export interface PatchDiff<P> {
  keys: (keyof P)[];
  changes: Partial<P>;
  previous: Record<string, unknown>;
}

/** The fields of `patch` that are set and pass `keep` (e.g. "differs from the row"), against the row `before`. */
export function patchDiff<P extends object>(
  patch: P,
  before: { [K in keyof P]?: unknown },
  keep: (k: keyof P) => boolean = () => true,
): PatchDiff<P> {
  const keys = (Object.keys(patch) as (keyof P)[]).filter((k) => patch[k] !== undefined && keep(k));
  return {
    keys,
    changes: Object.fromEntries(keys.map((k) => [k, patch[k]])) as Partial<P>,
    previous: Object.fromEntries(keys.map((k) => [k, before[k]])),
  };
}

/** The `<entity>.updated` audit event of a PATCH, with the fields' values before and after. */
export function recordPatch<P>(
  tx: DbOrTx,
  actor: Actor,
  entity: { type: EventInput["entityType"]; id: string },
  diff: PatchDiff<P>,
  at: Date,
): Promise<void> {
  return recordEvent(tx, actor, {
    entityType: entity.type,
    entityId: entity.id,
    action: `${entity.type}.updated`,
    before: diff.previous,
    after: diff.changes,
    at,
  });
}
