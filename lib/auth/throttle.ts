import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "@/db";
import { loginAttempts } from "@/db/schema";
import { getSettings } from "@/lib/settings";

export type AttemptStart = { ok: true; attemptId: string } | { ok: false; retryAfterSeconds: number };

/**
 * Opens a sign-in attempt for an e-mail + IP pair. The attempt is written first (as a failure) and then
 * counted, so concurrent guesses cannot all slip under the limit. Refused when the pair has `loginFailLimit`
 * failures since its last success within the window, or the IP has `loginIpFailLimit` failures in the
 * window (looser, so one office is not locked out by one person). A refused attempt is removed again,
 * so hammering does not extend the lock-out.
 */
export async function beginLoginAttempt(db: DbOrTx, email: string, ip: string): Promise<AttemptStart> {
  const s = await getSettings(db);
  const [row] = await db
    .insert(loginAttempts)
    .values({ email, ip, success: false })
    .returning({ id: loginAttempts.id });
  const windowStart = sql`now() - make_interval(secs => ${s.loginWindowSeconds})`;
  const [counts] = rowsOf<{ pair: number; pair_oldest: string | null; ip_count: number; ip_oldest: string | null }>(
    await db.execute(sql`
      with pair as (
        select created_at from login_attempts
        where email = ${email} and ip = ${ip} and not success and created_at > ${windowStart}
          and created_at > coalesce((select max(created_at) from login_attempts
                                     where email = ${email} and ip = ${ip} and success), '-infinity')
      ), by_ip as (
        select created_at from login_attempts where ip = ${ip} and not success and created_at > ${windowStart}
      )
      select (select count(*) from pair)::int as pair, (select min(created_at) from pair)::text as pair_oldest,
             (select count(*) from by_ip)::int as ip_count, (select min(created_at) from by_ip)::text as ip_oldest`),
  );
  // Counts include this attempt: the limit-th failure is still allowed, the next one is refused.
  const overPair = Number(counts.pair) > s.loginFailLimit;
  const overIp = Number(counts.ip_count) > s.loginIpFailLimit;
  if (!overPair && !overIp) return { ok: true, attemptId: row.id };
  await db.delete(loginAttempts).where(eq(loginAttempts.id, row.id));
  const oldest = overPair ? counts.pair_oldest : counts.ip_oldest;
  const until = (oldest ? new Date(oldest).getTime() : Date.now()) + s.loginWindowSeconds * 1000;
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
