import { apiRoute } from "@/lib/api/handler";
import { emptyBody } from "@/lib/api/scope";
import { expireStale } from "@/lib/referrals/service";

/** Expires every overdue PENDING/ACCEPTED referral now (admins; the jobs do it on a schedule). */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Expire every overdue PENDING/ACCEPTED referral now; returns how many (admins)",
      successStatus: 200,
    },
    body: emptyBody,
  },
  async ({ db, actor }) => ({ expired: await expireStale(db, new Date(), actor) }),
);
