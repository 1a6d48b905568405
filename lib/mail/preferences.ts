import "server-only";
import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { notificationPreferences, users } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { ADMIN_CATEGORIES, PARTNER_CATEGORIES, type OptionalCategory } from "./categories";

/** The categories a user of this role can choose (the rest of their mail is account mail, always sent). */
export const categoriesFor = (role: "ADMIN" | "PARTNER"): readonly OptionalCategory[] =>
  role === "ADMIN" ? ADMIN_CATEGORIES : PARTNER_CATEGORIES;

/** Categories turned off for this user (none until they change something). */
export async function emailOff(db: DbOrTx, userId: string): Promise<Set<OptionalCategory>> {
  const [p] = await db
    .select({ off: notificationPreferences.emailOff })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  return new Set((p?.off ?? []) as OptionalCategory[]);
}

async function roleOf(db: DbOrTx, userId: string) {
  const [u] = await db.select({ role: users.role }).from(users).where(eq(users.id, userId));
  if (!u) throw new AppError("not_found", "User not found");
  return u.role;
}

/**
 * Sets which optional categories a user gets by e-mail: every category of their role not in `on` is
 * turned off. One upsert plus its audit event, in one transaction.
 */
export async function setEmailCategories(
  db: DbOrTx,
  userId: string,
  on: readonly OptionalCategory[],
  actor: Actor,
): Promise<OptionalCategory[]> {
  return db.transaction(async (tx) => {
    const choosable = categoriesFor(await roleOf(tx, userId));
    const off = choosable.filter((c) => !on.includes(c));
    await tx
      .insert(notificationPreferences)
      .values({ userId, emailOff: off })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: { emailOff: off, updatedAt: new Date() } });
    await recordEvent(tx, actor, {
      entityType: "user",
      entityId: userId,
      action: "user.email_preferences_changed",
      data: { off },
    });
    return off;
  });
}

/**
 * One-click unsubscribe (a verified token names the user and the category): turns that one category
 * off and leaves every other choice as it was. Repeating it changes nothing and records nothing.
 */
export async function unsubscribe(db: DbOrTx, userId: string, category: OptionalCategory): Promise<boolean> {
  return db.transaction(async (tx) => {
    const role = await roleOf(tx, userId).catch(() => null);
    if (!role || !categoriesFor(role).includes(category)) return false;
    const [row] = await tx
      .insert(notificationPreferences)
      .values({ userId, emailOff: [category] })
      .onConflictDoUpdate({
        target: notificationPreferences.userId,
        set: {
          emailOff: sql`array_append(${notificationPreferences.emailOff}, ${category}::text)`,
          updatedAt: new Date(),
        },
        setWhere: sql`not (${category}::text = any(${notificationPreferences.emailOff}))`,
      })
      .returning({ userId: notificationPreferences.userId });
    if (row)
      await recordEvent(
        tx,
        { type: "PUBLIC", id: null, label: "one-click unsubscribe" },
        {
          entityType: "user",
          entityId: userId,
          action: "user.email_unsubscribed",
          data: { category },
        },
      );
    return true;
  });
}
