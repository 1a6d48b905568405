import { apiRoute, created } from "@/lib/api/handler";
import { listLeads } from "@/lib/leads/queries";
import { leadInputSchema } from "@/lib/leads/schemas";
import { scopeOf } from "@/lib/api/scope";
import { createLeadFromApi } from "@/lib/leads/api-leads";

/** GET /api/v1/leads: filters status, insuranceType, partnerId, referralId, q, from, to, sort, page, pageSize, cursor. Partners: their referred leads, masked. */
export const GET = apiRoute(
  { auth: "any", doc: { summary: "List leads (a partner sees its referred leads, masked)" } },
  async ({ db, url, principal }) => listLeads(db, scopeOf(principal), url.searchParams),
);

/**
 * POST /api/v1/leads: the lead body (`leadInputSchema`) → 201 (200 when it merged into the same person's lead
 * of the last 24 hours) with `referral` and `merged`. Limited per credential
 * (API_CREDENTIAL_RATE_LIMIT, sized for a CRM push), not in the quote form's per-IP bucket → 429.
 */
export const POST = apiRoute(
  {
    auth: "any",
    doc: { summary: "Capture a lead with its consent evidence and attribution" },
    body: leadInputSchema,
    rateLimit: {
      bucket: "quote",
      limit: (s) => s.quoteRateLimit,
      windowSeconds: (s) => s.quoteRateWindowSeconds,
      perCredential: true,
    },
  },
  async ({ db, body, principal, actor, settings }) => {
    const lead = await createLeadFromApi(db, body, principal, actor, await settings());
    return lead.merged ? lead : created(lead);
  },
);
