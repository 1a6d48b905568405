import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "./password";
import { beginLoginAttempt, finishLoginAttempt } from "./throttle";
import { partnerAccountClosed } from "./users";

export { clientIp } from "@/lib/ratelimit/client-ip";

export type LoginUser = Pick<typeof users.$inferSelect, "id" | "email" | "name" | "role" | "partnerId">;
export type LoginResult =
  | { ok: true; user: LoginUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

let dummyHash: Promise<string> | undefined;
/** Unknown e-mails still cost one argon2 verification, so timing does not reveal which accounts exist. */
const dummy = () => (dummyHash ??= hashPassword("not-a-real-password-0000"));

/**
 * The one sign-in check (session sign-in and API tokens alike): throttle by e-mail + IP in the database,
 * then verify the argon2id hash. Every attempt is recorded in `login_attempts`. A terminated partner's
 * account is closed: the right password is refused like a wrong one (and counts as a failure).
 */
export async function attemptLogin(
  db: DbOrTx,
  input: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  const start = await beginLoginAttempt(db, email, input.ip);
  if (!start.ok) return { ok: false, reason: "throttled", retryAfterSeconds: start.retryAfterSeconds };
  const [row] = await db
    .select({ user: users, partnerStatus: partners.status })
    .from(users)
    .leftJoin(partners, eq(partners.id, users.partnerId))
    .where(eq(users.email, email))
    .limit(1);
  const user = row?.user;
  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await dummy(), input.password)) && false;
  const valid = passwordOk && !partnerAccountClosed(row?.partnerStatus);
  await finishLoginAttempt(db, start.attemptId, valid);
  if (!valid || !user) return { ok: false, reason: "invalid" };
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, partnerId: user.partnerId },
  };
}
