import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { settings } from "@/db/schema";

export type Settings = typeof settings.$inferSelect;

function envInt(name: string): number | undefined {
  const v = process.env[name];
  if (!v) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * Program settings with the environment's rate-limit overrides applied
 * (tests and the benchmark raise them: RATE_LIMIT_QUOTE, RATE_LIMIT_LOGIN, RATE_LIMIT_LOGIN_IP, RATE_LIMIT_CODE).
 */
export async function getSettings(db: DbOrTx): Promise<Settings> {
  const [row] = await db.select().from(settings).where(eq(settings.id, 1));
  if (!row) throw new Error("settings row missing: run migrations");
  return {
    ...row,
    quoteRateLimit: envInt("RATE_LIMIT_QUOTE") ?? row.quoteRateLimit,
    loginFailLimit: envInt("RATE_LIMIT_LOGIN") ?? row.loginFailLimit,
    loginIpFailLimit: envInt("RATE_LIMIT_LOGIN_IP") ?? row.loginIpFailLimit,
    codeValidationRateLimit: envInt("RATE_LIMIT_CODE") ?? row.codeValidationRateLimit,
  };
}
