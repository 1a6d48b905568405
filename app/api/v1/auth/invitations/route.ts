import { apiRoute, created } from "@/lib/api/handler";
import { invitationRequestSchema } from "@/lib/auth/schemas";
import { invitePartner } from "@/lib/auth/tokens";

/** POST /api/v1/auth/invitations `{ partnerId }` → 201 `{ url, path, expiresAt, userId }`: a fresh 7-day invitation. Admin only. */
export const POST = apiRoute(
  {
    auth: "admin",
    body: invitationRequestSchema,
    doc: { summary: "Issue a partner invitation link (7 days, single use)", successStatus: 201 },
  },
  async ({ db, body, actor }) => created(await invitePartner(db, body.partnerId, actor)),
);
