import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, ref, timestamps, ts } from "./columns";
import { deliveryStatus, userRole } from "./enums";
import { partners } from "./partners";

/** Integration keys: shown once as `rp_<prefix>_<secret>`, stored as SHA-256, looked up by prefix. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    name: text().notNull(),
    prefix: text().notNull(),
    secretHash: text().notNull(),
    role: userRole().notNull(),
    partnerId: uuid().references(() => partners.id),
    createdBy: uuid().references(() => users.id),
    createdAt: createdAt(),
    lastUsedAt: ts(),
    revokedAt: ts(),
  },
  (t) => [
    uniqueIndex("api_keys_prefix_key").on(t.prefix),
    // As on users: a partner key belongs to exactly one partner, an admin key to none.
    check("api_keys_partner_role", sql`(${t.role} = 'PARTNER') = (${t.partnerId} is not null)`),
  ],
);

/** Fixed-window counters for rate limits (quote form, code validation, ...). */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().notNull(),
    windowStart: ts().notNull(),
    count: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index("rate_limits_window_idx").on(t.windowStart)],
);

export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    /** The caller (user, API key) the key belongs to. */
    scope: text().notNull(),
    key: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    requestHash: text().notNull(),
    /** Null while the first request is in flight. */
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: createdAt(),
    expiresAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.key] }), index("idempotency_keys_expires_idx").on(t.expiresAt)],
);

/** Side effects written in the same transaction as the change they report (webhooks, e-mails, invitations). */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** `webhook`, `email` */
    topic: text().notNull(),
    eventType: text().notNull(),
    /** Stable id of the event, used as the Standard Webhooks `webhook-id`. */
    eventId: uuid().notNull().defaultRandom(),
    payload: jsonb().notNull(),
    createdAt: createdAt(),
    availableAt: ts().notNull().defaultNow(),
    processedAt: ts(),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    index("outbox_pending_idx")
      .on(t.topic, t.availableAt)
      .where(sql`${t.processedAt} is null`),
    // The purge finds processed webhook events past the retention period without reading the rest.
    index("outbox_processed_idx")
      .on(t.topic, t.processedAt)
      .where(sql`${t.processedAt} is not null`),
    uniqueIndex("outbox_event_id_key").on(t.eventId),
  ],
);

export const webhookEndpoints = pgTable("webhook_endpoints", {
  id: id(),
  url: text().notNull(),
  description: text(),
  /** Subscribed event types; empty means all. */
  events: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  /** `whsec_…`, shown once at creation; kept to sign deliveries. */
  secret: text().notNull(),
  enabled: boolean().notNull().default(true),
  disabledReason: text(),
  ...timestamps,
});

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    endpointId: ref(() => webhookEndpoints.id),
    outboxId: bigint({ mode: "number" }).references(() => outbox.id),
    eventType: text().notNull(),
    /** The Standard Webhooks message id; the same across retries and replays of one event. */
    messageId: text().notNull(),
    payload: jsonb().notNull(),
    status: deliveryStatus().notNull().default("PENDING"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    lastStatusCode: integer(),
    lastError: text(),
    createdAt: createdAt(),
    deliveredAt: ts(),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'PENDING'`),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    // Deleting an outbox row checks this foreign key, and the purge asks "does any delivery still
    // reference this event?": both would scan every delivery per row without it.
    index("webhook_deliveries_outbox_idx").on(t.outboxId),
    // The purge takes the oldest finished deliveries first; the admin list sorts by it too.
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: id(),
    deliveryId: ref(() => webhookDeliveries.id),
    attemptedAt: createdAt(),
    statusCode: integer(),
    durationMs: integer(),
    error: text(),
    responseSnippet: text(),
  },
  (t) => [index("webhook_attempts_delivery_idx").on(t.deliveryId, t.attemptedAt)],
);

/** Inbound CRM webhook ids already handled: the same `webhook-id` twice has one effect. */
export const inboundWebhooks = pgTable("inbound_webhooks", {
  webhookId: text().primaryKey(),
  eventType: text().notNull(),
  payload: jsonb().notNull(),
  result: jsonb(),
  receivedAt: createdAt(),
});

/** Scheduled jobs: one row per job; a run is claimed by a guarded update on `lockedUntil`. */
export const jobs = pgTable("jobs", {
  name: text().primaryKey(),
  intervalSeconds: integer().notNull(),
  nextRunAt: ts().notNull().defaultNow(),
  lockedUntil: ts(),
  lastStartedAt: ts(),
  lastFinishedAt: ts(),
  lastOk: boolean(),
  lastResult: jsonb(),
  lastError: text(),
});

export const jobRuns = pgTable(
  "job_runs",
  {
    id: id(),
    job: text().notNull(),
    startedAt: createdAt(),
    finishedAt: ts(),
    ok: boolean(),
    result: jsonb(),
    error: text(),
    worker: text(),
  },
  (t) => [index("job_runs_job_idx").on(t.job, t.startedAt)],
);
