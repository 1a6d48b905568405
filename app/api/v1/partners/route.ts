import { apiRoute, created } from "@/lib/api/handler";
import { scopeOf } from "@/lib/api/scope";
import { serializePage, serializePartner } from "@/lib/api/serializers";
import { createPartnerUser } from "@/lib/auth/tokens";
import { listPartners, partnerListSchema } from "@/lib/partners/queries";
import { createPartnerSchema } from "@/lib/partners/schemas";
import { createPartner } from "@/lib/partners/service";
import { createdPartnerJson, pageOf, partnerJson } from "@/lib/api/response-schemas";

/** Partners with status, createdVia, q, from, to, sort and pages; a partner's list holds just itself. */
export const GET = apiRoute(
  {
    auth: "any",
    doc: { summary: "List partners (a partner sees only itself)", response: pageOf(partnerJson), successStatus: 200 },
    query: partnerListSchema,
  },
  async ({ db, principal, query }) =>
    serializePage(await listPartners(db, scopeOf(principal), query), serializePartner),
);

/**
 * Onboards a partner (admins): `ACTIVE` with its referral code, plus a sign-in user and a single-use
 * invitation link to pass on; both or neither are written.
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Create a partner (the seed's body) with its referral code and an invitation link",
      response: createdPartnerJson,
      successStatus: 201,
    },
    body: createPartnerSchema,
  },
  async ({ db, actor, principal, body }) => {
    const out = await db.transaction(async (tx) => {
      const partner = await createPartner(tx, body, actor, { via: principal.kind === "apiKey" ? "API" : "ADMIN" });
      const { invitation } = await createPartnerUser(
        tx,
        { partnerId: partner.id, email: partner.email, name: `${partner.firstName} ${partner.lastName}` },
        actor,
      );
      return { partner, invitation };
    });
    return created({
      ...serializePartner(out.partner),
      invitation: { url: out.invitation.url, expiresAt: out.invitation.expiresAt.toISOString() },
    });
  },
);
