"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { adminAction, partnerAction, publicAction, type ActionState } from "@/lib/actions/safe-action";
import { getSessionUser } from "@/lib/auth/session";
import { OPTIONAL_CATEGORIES } from "@/lib/mail/categories";
import { setEmailCategories, unsubscribe } from "@/lib/mail/preferences";
import { verifyUnsubscribeToken } from "@/lib/mail/unsubscribe-token";
import { AppError } from "@/lib/errors";
import { markRead, openNotification } from "./inbox";

/** Runs as the signed-in user's role: the inbox and e-mail choices belong to admins and partners alike. */
function forSignedIn<S extends z.ZodType, T>(
  schema: S,
  fn: (input: z.output<S>, ctx: Parameters<Parameters<typeof adminAction>[1]>[1]) => Promise<T>,
) {
  return async (prev: ActionState<T>, input: FormData | z.input<S>) => {
    const user = await getSessionUser();
    const run = user?.role === "ADMIN" ? adminAction(schema, fn) : partnerAction(schema, fn);
    return run(prev, input);
  };
}

const ids = z.union([z.uuid(), z.array(z.uuid()).max(100)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** "Mark read" on one entry, or "Mark all read". */
export const markNotificationsReadAction = forSignedIn(
  z.strictObject({ ids: ids.optional(), all: z.literal("1").optional() }),
  async (input, { db, user, actor }) => {
    const marked = await markRead(db, user.id, input.all ? { all: true } : { ids: input.ids ?? [] }, actor);
    revalidatePath("/", "layout");
    return { marked };
  },
);

/** Opening an entry marks it read and returns where it points. */
export const openNotificationAction = forSignedIn(
  z.strictObject({ id: z.uuid() }),
  async ({ id }, { db, user, actor }) => {
    const n = await openNotification(db, user.id, id, actor);
    revalidatePath("/", "layout");
    return { linkPath: n.linkPath };
  },
);

/** The e-mail choices: the categories ticked stay on, the others of the role are turned off. */
export const saveEmailPreferencesAction = forSignedIn(
  z.strictObject({
    on: z
      .union([z.enum(OPTIONAL_CATEGORIES), z.array(z.enum(OPTIONAL_CATEGORIES))])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  }),
  async ({ on }, { db, user, actor }) => ({ off: await setEmailCategories(db, user.id, on, actor) }),
);

/** The unsubscribe page's button (the link works without signing in; the token names user and category). */
export const unsubscribeAction = publicAction(
  z.strictObject({ token: z.string().max(200) }),
  async ({ token }, { db }) => {
    const t = verifyUnsubscribeToken(token);
    if (!t || !(await unsubscribe(db, t.userId, t.category)))
      throw new AppError("not_found", "This unsubscribe link is not valid.");
    return { category: t.category };
  },
);
