import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { loginAttempts } from "@/db/schema";
import { envLimits } from "@/lib/ratelimit/limits";
import { getSettings } from "@/lib/settings";

export type AttemptStart = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Opens a sign-in attempt for an e-mail + IP pair. The attempt is written first (as a failure) and then
 * counted, so concurrent guesses cannot all slip under the limit. Refused when, within the window:
 * - the pair has `loginFailLimit` failures since its last success;
 * - the IP has `loginIpFailLimit` failures (looser, so one office is not locked out by one person);
 * - the e-mail has `loginAccountFailLimit` failures from any address since its last success or password
 *   change, so guesses spread over many addresses are capped too. Unknown e-mails are counted the same
 *   way (the answer never reveals which accounts exist); the owner clears the lock by resetting the password.
 * A refused attempt is removed again, so hammering does not extend the lock-out.
 */
export async function beginLoginAttempt(db: DbOrTx, email: string, ip: string): Promise<AttemptStart> {
  const s = await getSettings(db);
  const accountLimit = envLimits().loginAccountFailLimit;
  const [row] = await db
    .insert(loginAttempts)
    .values({ email, ip, success: false })
    .returning({ id: loginAttempts.id });
  const windowStart = sql`now() - make_interval(secs => ${s.loginWindowSeconds})`;
  const [counts] = rowsOf<{
    pair: number;
    pair_oldest: string | null;
    ip_count: number;
    ip_oldest: string | null;
    account: number;
    account_oldest: string | null;
  }>(
    await db.execute(sql`
      with pair as (
        select created_at from login_attempts
        where email = ${email} and ip = ${ip} and not success and created_at > ${windowStart}
          and created_at > coalesce((select max(created_at) from login_attempts
                                     where email = ${email} and ip = ${ip} and success), '-infinity')
      ), by_ip as (
        select created_at from login_attempts where ip = ${ip} and not success and created_at > ${windowStart}
      ), account as (
        select created_at from login_attempts
        where email = ${email} and not success and created_at > ${windowStart}
          and created_at > greatest(
            coalesce((select max(created_at) from login_attempts where email = ${email} and success), '-infinity'),
            coalesce((select max(password_changed_at) from users where email = ${email}), '-infinity'))
      )
      select (select count(*) from pair)::int as pair, (select min(created_at) from pair)::text as pair_oldest,
             (select count(*) from by_ip)::int as ip_count, (select min(created_at) from by_ip)::text as ip_oldest,
             (select count(*) from account)::int as account,
             (select min(created_at) from account)::text as account_oldest`),
  );
  // Counts include this attempt: the limit-th failure is still allowed, the next one is refused.
  const over = [
    Number(counts.pair) > s.loginFailLimit && counts.pair_oldest,
    Number(counts.ip_count) > s.loginIpFailLimit && counts.ip_oldest,
    Number(counts.account) > accountLimit && counts.account_oldest,
  ].filter((v): v is string => typeof v === "string");
  if (over.length === 0) return { ok: true, attemptId: row.id };
  await db.delete(loginAttempts).where(eq(loginAttempts.id, row.id));
  // The caller may try again once every lock that refused it has lifted.
  const until = Math.max(...over.map((oldest) => new Date(oldest).getTime())) + s.loginWindowSeconds * 1000;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((until - Date.now()) / 1000)) };
}

/** Marks the attempt successful (which also clears the pair's earlier failures from the count). */
export async function finishLoginAttempt(db: DbOrTx, attemptId: string, success: boolean): Promise<void> {
  if (!success) return;
  await db
    .update(loginAttempts)
    .set({ success: true })
    .where(and(eq(loginAttempts.id, attemptId), eq(loginAttempts.success, false)));
}

/** Seconds until the pair may try again, or 0 (used by the login page to say when). */
export async function loginRetryAfter(db: DbOrTx, email: string, ip: string): Promise<number> {
  const start = await beginLoginAttempt(db, email, ip);
  if (start.ok) {
    await db.delete(loginAttempts).where(eq(loginAttempts.id, start.attemptId));
    return 0;
  }
  return start.retryAfterSeconds;
}
