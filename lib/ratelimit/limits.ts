import { env, type Env } from "@/lib/env";

/**
 * Limits configured by environment rather than in the settings table (docs/security.md):
 * - LOGIN_ACCOUNT_FAIL_LIMIT: failed sign-ins per e-mail from any address within the sign-in window
 *   (default 20), after which the account is locked until the window passes or its owner resets the password;
 * - API_CREDENTIAL_RATE_LIMIT / API_CREDENTIAL_RATE_WINDOW_SECONDS: requests per credential (admin token,
 *   API key) on the lead intake, sized for a CRM push (default 6,000 per 600 s).
 */
export interface EnvLimits {
  loginAccountFailLimit: number;
  apiCredentialRateLimit: number;
  apiCredentialRateWindowSeconds: number;
}

export function envLimits(e: Env = env()): EnvLimits {
  return {
    loginAccountFailLimit: e.LOGIN_ACCOUNT_FAIL_LIMIT,
    apiCredentialRateLimit: e.API_CREDENTIAL_RATE_LIMIT,
    apiCredentialRateWindowSeconds: e.API_CREDENTIAL_RATE_WINDOW_SECONDS,
  };
}
