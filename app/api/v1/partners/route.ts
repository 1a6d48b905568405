import { listRoute } from "@/lib/api/doors";
import { apiResources } from "@/lib/api/resources";
import { apiRoute, created } from "@/lib/api/handler";
import { serializePartner } from "@/lib/api/serializers";
import { createPartnerSchema } from "@/lib/partners/schemas";
import { onboardPartner } from "@/lib/partners/service";
import { createdPartnerJson } from "@/lib/api/response-schemas";

/**
 * Onboards a partner (admins): `ACTIVE` with its referral code, plus a sign-in user and a single-use
 * invitation link to pass on; both or neither are written.
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Create a partner with its referral code and an invitation link",
      response: createdPartnerJson,
      successStatus: 201,
    },
    body: createPartnerSchema,
  },
  async ({ db, actor, principal, body }) => {
    const out = await onboardPartner(db, body, actor, { via: principal.kind === "apiKey" ? "API" : "ADMIN" });
    return created({
      ...serializePartner(out.partner),
      invitation: { url: out.invitation.url, expiresAt: out.invitation.expiresAt.toISOString() },
    });
  },
);

/** Partners with status, createdVia, q, from, to, sort and pages; a partner's list holds just itself. */
export const GET = listRoute(apiResources.partner, "List partners (a partner sees only itself)");
