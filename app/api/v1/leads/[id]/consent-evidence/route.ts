import { z } from "zod";
import { apiRoute } from "@/lib/api/handler";
import { idParams } from "@/lib/api/schemas";
import { consentEvidence } from "@/lib/compliance/consent-evidence";
import { consentEvidenceHtml } from "@/lib/compliance/consent-evidence-html";

const evidenceQuery = z
  .object({
    format: z.enum(["json", "html"]).default("json"),
    /** `1`: sent as an attachment (the console's download) instead of shown. */
    download: z.enum(["0", "1"]).optional(),
  })
  .strict();

/**
 * GET /api/v1/leads/{id}/consent-evidence: every consent record of the lead (full text shown, version,
 * SHA-256, time, IP, user agent, page URL, channel) with the partner and referral-link click that brought it;
 * `?format=html` is a printable page. Admins only (docs/compliance.md#consent-evidence).
 */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: { summary: "A lead's consent evidence (JSON, or a printable HTML page)", successStatus: 200 },
    params: idParams,
    query: evidenceQuery,
  },
  async ({ db, params, query }) => {
    const evidence = await consentEvidence(db, params.id);
    const name = `consent-evidence-${evidence.lead.id}.${query.format}`;
    const headers = new Headers({ "cache-control": "no-store" });
    if (query.download === "1") headers.set("content-disposition", `attachment; filename="${name}"`);
    if (query.format === "html") {
      headers.set("content-type", "text/html; charset=utf-8");
      return new Response(consentEvidenceHtml(evidence), { headers });
    }
    headers.set("content-type", "application/json");
    return new Response(JSON.stringify(evidence, null, 2), { headers });
  },
);
