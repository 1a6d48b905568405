import { apiRoute } from "@/lib/api/handler";
import { inboxUser } from "@/lib/notifications/api";
import {
  listNotifications,
  listNotificationsQuery,
  notificationListJson,
  serializeNotification,
  unreadCount,
} from "@/lib/notifications/inbox";

/** `GET /api/v1/notifications`: the signed-in user's inbox, newest first, with the unread count. */
export const GET = apiRoute(
  {
    auth: "any",
    query: listNotificationsQuery,
    doc: {
      summary: "The calling user's notifications",
      description:
        "The inbox of the signed-in user (session or bearer token), newest first: `limit` (1–100, default 20), `unread=true` for unread ones only, `cursor` from the previous page's `nextCursor`. API keys belong to no user: 403.",
      response: notificationListJson,
      successStatus: 200,
    },
  },
  async ({ db, principal, query }) => {
    const userId = inboxUser(principal);
    const [page, unread] = await Promise.all([
      listNotifications(db, userId, { limit: query.limit, unread: query.unread === "true", cursor: query.cursor }),
      unreadCount(db, userId),
    ]);
    return { data: page.rows.map(serializeNotification), unread, nextCursor: page.nextCursor };
  },
);
