import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { inboxUser } from "@/lib/notifications/api";
import { markRead, markReadBody, unreadCount } from "@/lib/notifications/inbox";

/** `POST /api/v1/notifications/read` `{ ids }` or `{ all: true }`: marks the caller's own entries read. */
export const POST = apiRoute(
  {
    auth: "any",
    body: markReadBody,
    doc: {
      summary: "Mark notifications read",
      description:
        "`{ ids: [...] }` (up to 100 of the caller's own; other ids are ignored) or `{ all: true }`. Answers how many changed and the unread count left. Repeating it changes nothing.",
      response: z.object({ marked: z.number().int(), unread: z.number().int() }),
      successStatus: 200,
    },
  },
  async ({ db, principal, body, actor }) => {
    const userId = inboxUser(principal);
    const marked = await markRead(db, userId, body.all ? { all: true } : { ids: body.ids }, actor);
    return { marked, unread: await unreadCount(db, userId) };
  },
);
