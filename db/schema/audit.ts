import { bigint, index, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { actorType } from "./enums";

/** Audit trail: every create and state change writes one row in the same transaction. */
export const events = pgTable(
  "events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    actorType: actorType().notNull(),
    /** User id, API key id, job name or webhook id. */
    actorId: text(),
    actorLabel: text(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    fromStatus: text(),
    toStatus: text(),
    before: jsonb(),
    after: jsonb(),
    data: jsonb(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_entity_idx").on(t.entityType, t.entityId, t.createdAt),
    index("events_created_idx").on(t.createdAt),
    index("events_actor_idx").on(t.actorId, t.createdAt),
    index("events_action_idx").on(t.action, t.createdAt),
  ],
);
