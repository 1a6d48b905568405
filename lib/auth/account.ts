import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "./password";

/** Changes a password after checking the current one; earlier sessions and tokens stop working. */
export async function changePassword(
  db: DbOrTx,
  userId: string,
  currentPassword: string,
  newPassword: string,
  actor: Actor,
): Promise<void> {
  const [u] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId));
  if (!u?.passwordHash || !(await verifyPassword(u.passwordHash, currentPassword)))
    throw new AppError("validation", "The current password is wrong", {
      errors: [{ path: "currentPassword", message: "Wrong password" }],
    });
  const passwordHash = await hashPassword(newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, userId));
    await recordEvent(tx, actor, { entityType: "user", entityId: userId, action: "user.password_changed" });
  });
}
