import "server-only";
import { and, eq, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { idempotencyKeys, jobRuns, loginAttempts, mailMessages, notifications, outbox, rateLimits } from "@/db/schema";
import { getSettings } from "@/lib/settings";
import { purgeWebhookTraffic, type WebhookPurgeOptions, type WebhookPurgeResult } from "@/lib/webhooks/retention";

export interface PurgeResult extends WebhookPurgeResult {
  idempotencyKeys: number;
  loginAttempts: number;
  rateLimits: number;
  jobRuns: number;
  emails: number;
  mailMessages: number;
  notifications: number;
}

/** Read inbox entries are kept this long; unread ones stay until read. */
export const READ_NOTIFICATIONS_KEEP_DAYS = 90;

/** Run history kept for the admin's jobs page; the 5-second jobs would otherwise add ~35,000 rows a day. */
export const JOB_RUNS_KEEP_DAYS = 7;

/**
 * Deletes rows that can no longer affect a decision: idempotency keys past `expires_at`, sign-in
 * attempts older than the sign-in window, and rate-limit windows that ended (the longest configured
 * window bounds them all, so no live counter is touched), job runs older than a week, and queued
 * e-mails (invitation and reset links: no mail server is assumed) once their link has expired, so a
 * token-bearing URL does not outlive its use (30 days after queuing when a message has no expiry).
 * Webhook traffic past `WEBHOOK_RETENTION_DAYS` goes too, in bounded batches (`purgeWebhookTraffic`).
 * Takes the client, not a transaction: each batch commits on its own so no lock is held for long.
 */
export async function purgeExpired(
  db: Db,
  now: Date = new Date(),
  webhookOpts?: WebhookPurgeOptions,
): Promise<PurgeResult> {
  const s = await getSettings(db);
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const longestWindow = Math.max(s.quoteRateWindowSeconds, s.codeValidationWindowSeconds, s.loginWindowSeconds);
  const keys = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.expiresAt, now))
    .returning({ k: idempotencyKeys.key });
  const attempts = await db
    .delete(loginAttempts)
    .where(lt(loginAttempts.createdAt, ago(s.loginWindowSeconds)))
    .returning({ id: loginAttempts.id });
  const limits = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, ago(longestWindow)))
    .returning({ k: rateLimits.key });
  const runs = await db
    .delete(jobRuns)
    .where(lt(jobRuns.startedAt, ago(JOB_RUNS_KEEP_DAYS * 86_400)))
    .returning({ id: jobRuns.id });
  const emails = await db
    .delete(outbox)
    // E-mails are never marked processed: saying so lets the planner use the pending-rows index
    // (topic, available_at) where processed_at is null, instead of reading the whole outbox.
    .where(
      and(
        eq(outbox.topic, "email"),
        isNull(outbox.processedAt),
        sql`coalesce((${outbox.payload}->>'expiresAt')::timestamptz, ${outbox.createdAt} + interval '30 days') < ${now.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: outbox.id });
  // Sent or kept messages: once a link inside has expired, else after 30 days; PENDING ones stay.
  const messages = await db
    .delete(mailMessages)
    .where(
      sql`${mailMessages.status} <> 'PENDING' and coalesce(${mailMessages.expiresAt}, ${mailMessages.createdAt} + interval '30 days') < ${now.toISOString()}::timestamptz`,
    )
    .returning({ id: mailMessages.id });
  const inbox = await db
    .delete(notifications)
    .where(lt(notifications.readAt, ago(READ_NOTIFICATIONS_KEEP_DAYS * 86_400)))
    .returning({ id: notifications.id });
  const webhooks = await purgeWebhookTraffic(db, now, webhookOpts);
  return {
    idempotencyKeys: keys.length,
    loginAttempts: attempts.length,
    rateLimits: limits.length,
    jobRuns: runs.length,
    emails: emails.length,
    mailMessages: messages.length,
    notifications: inbox.length,
    ...webhooks,
  };
}
