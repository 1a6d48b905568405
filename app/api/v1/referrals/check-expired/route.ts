import { apiRoute } from "@/lib/api/handler";
import { expireStale } from "@/lib/referrals/service";

/** Expires every overdue PENDING/ACCEPTED referral now (admins; the jobs do it on a schedule). */
export const POST = apiRoute({ auth: "admin" }, async ({ db, actor }) => ({ expired: await expireStale(db, new Date(), actor) }));
