import { z } from "zod";
import { apiRoute, type RateLimitOption } from "@/lib/api/handler";
import type { DbOrTx } from "@/db";
import { lookupCode } from "@/lib/attribution/lookup";

const codeInput = z
  .object({ code: z.string().trim().min(1, "code is required").max(64, "code is at most 64 characters") })
  .strict();
const rateLimit: RateLimitOption = {
  bucket: "code",
  limit: (s) => s.codeValidationRateLimit,
  windowSeconds: (s) => s.codeValidationWindowSeconds,
};

async function validate(db: DbOrTx, code: string) {
  const found = await lookupCode(db, code);
  if (found.valid && found.partnerId)
    return { valid: true, partner: { id: found.partnerId, displayName: found.displayName } };
  return { valid: false, reason: found.reason ?? "UNKNOWN_CODE" };
}

/** GET /api/v1/partners/validate-referral-code?code=…: public, rate-limited per IP. */
export const GET = apiRoute(
  { auth: "public", doc: { summary: "Check a referral code (query string)" }, query: codeInput, rateLimit },
  ({ db, query }) => validate(db, query.code),
);

/** POST /api/v1/partners/validate-referral-code with `{ "code" }`: the same answer. */
export const POST = apiRoute(
  { auth: "public", doc: { summary: "Check a referral code (JSON body)" }, body: codeInput, rateLimit },
  ({ db, body }) => validate(db, body.code),
);
