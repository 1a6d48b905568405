import "server-only";
import { and, count, desc, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { notifications } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";

export type Notification = typeof notifications.$inferSelect;

export const notificationJson = z.object({
  id: z.uuid(),
  kind: z.string(),
  category: z.string(),
  title: z.string(),
  body: z.string(),
  linkPath: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export const notificationListJson = z.object({
  data: z.array(notificationJson),
  unread: z.number().int(),
  nextCursor: z.string().nullable(),
});

export const listNotificationsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(200).optional(),
});
export const markReadBody = z
  .strictObject({ ids: z.array(z.uuid()).min(1).max(100).optional(), all: z.literal(true).optional() })
  .refine((v) => !!v.ids !== !!v.all, { message: "Give ids or all: true, not both", path: ["ids"] });

export const serializeNotification = (n: Notification) => ({
  id: n.id,
  kind: n.kind,
  category: n.category,
  title: n.title,
  body: n.body,
  linkPath: n.linkPath,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

export async function unreadCount(db: DbOrTx, userId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return n;
}

const cursorOf = (n: Notification) => `${n.createdAt.toISOString()}_${n.id}`;
function parseCursor(c: string | undefined) {
  if (!c) return null;
  const [at, id] = c.split("_");
  const d = new Date(at);
  return Number.isNaN(d.getTime()) || !z.uuid().safeParse(id).success ? null : { at: d, id };
}

/** The user's own inbox, newest first, in pages (`nextCursor`); only ever the caller's rows. */
export async function listNotifications(
  db: DbOrTx,
  userId: string,
  opts: { limit?: number; unread?: boolean; cursor?: string } = {},
) {
  const limit = opts.limit ?? 20;
  const c = parseCursor(opts.cursor);
  const rows = await db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        opts.unread ? isNull(notifications.readAt) : undefined,
        c
          ? or(lt(notifications.createdAt, c.at), and(eq(notifications.createdAt, c.at), lt(notifications.id, c.id)))
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { rows: page, nextCursor: rows.length > limit ? cursorOf(page[page.length - 1]) : null };
}

/** Marks some (ids of the user's own rows; others are ignored) or all of the user's entries read. */
export async function markRead(
  db: DbOrTx,
  userId: string,
  target: { ids?: string[]; all?: boolean },
  actor: Actor,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          target.all ? undefined : inArray(notifications.id, target.ids ?? []),
        ),
      )
      .returning({ id: notifications.id });
    if (rows.length)
      await recordEvent(tx, actor, {
        entityType: "user",
        entityId: userId,
        action: "user.notifications_read",
        data: { count: rows.length, all: !!target.all },
      });
    return rows.length;
  });
}

/** One of the user's own entries, marked read (another user's id is not found). */
export async function openNotification(db: DbOrTx, userId: string, id: string, actor: Actor): Promise<Notification> {
  if (!isUuid(id)) throw new AppError("not_found", "Notification not found");
  const [n] = await db
    .select()
    .from(notifications)
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
  if (!n) throw new AppError("not_found", "Notification not found");
  if (!n.readAt) await markRead(db, userId, { ids: [id] }, actor);
  return n;
}
