import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { settings } from "@/db/schema";
import { env } from "@/lib/env";

export type Settings = typeof settings.$inferSelect;

/**
 * Program settings with the environment's rate-limit overrides applied
 * (tests and the benchmark raise them: RATE_LIMIT_QUOTE, RATE_LIMIT_LOGIN, RATE_LIMIT_LOGIN_IP, RATE_LIMIT_CODE).
 */
export async function getSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: run migrations");
  const e = env();
  return {
    ...row,
    quoteRateLimit: e.RATE_LIMIT_QUOTE ?? row.quoteRateLimit,
    loginFailLimit: e.RATE_LIMIT_LOGIN ?? row.loginFailLimit,
    loginIpFailLimit: e.RATE_LIMIT_LOGIN_IP ?? row.loginIpFailLimit,
    codeValidationRateLimit: e.RATE_LIMIT_CODE ?? row.codeValidationRateLimit,
  };
}
