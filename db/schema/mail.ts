import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { createdAt, id, ref, refKey, ts, updatedAt } from "./columns";

/**
 * PENDING: waiting for (another) attempt; SENT: the SMTP server accepted it; CAPTURED: no mail server is
 * configured, the message is only kept (readable at /admin/mail); FAILED: a permanent (5xx) refusal;
 * ABANDONED: temporary failures until the retry schedule ran out (docs/notifications.md).
 */
export const mailStatus = pgEnum("mail_status", ["PENDING", "SENT", "CAPTURED", "FAILED", "ABANDONED"]);

/** Rendered e-mails, composed by the `compose-notifications` job from outbox rows and sent by `send-mail`. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: id(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    toAddress: text().notNull(),
    kind: text().notNull(),
    category: text().notNull(),
    subject: text().notNull(),
    html: text().notNull(),
    text: text().notNull(),
    /** Extra headers (List-Unsubscribe, List-Unsubscribe-Post). */
    headers: jsonb().$type<Record<string, string>>().notNull(),
    status: mailStatus().notNull().default("PENDING"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: ts().notNull().defaultNow(),
    lastError: text(),
    sentAt: ts(),
    /** When a link inside stops working (invitation, reset): the message is purged then. */
    expiresAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    index("mail_messages_pending_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'PENDING'`),
    index("mail_messages_created_idx").on(t.createdAt),
    index("mail_messages_to_idx").on(t.toAddress, t.createdAt),
  ],
);

/** Addresses an SMTP server refused permanently (5xx); a later accepted message clears the mark. */
export const mailAddressFailures = pgTable("mail_address_failures", {
  address: text().primaryKey(),
  reason: text().notNull(),
  failedAt: ts().notNull(),
});

/** Categories of e-mail a user turned off (security and account mails cannot be turned off). */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: refKey(() => users.id, { onDelete: "cascade" }),
  emailOff: text()
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
});

/** The in-app inbox: one row per event and user; `linkPath` is the page the event is about. */
export const notifications = pgTable(
  "notifications",
  {
    id: id(),
    userId: ref(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    category: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    linkPath: text(),
    readAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx")
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
  ],
);
