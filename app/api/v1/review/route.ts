import { apiRoute } from "@/lib/api/handler";
import { listReviewQueue } from "@/lib/risk/queue";
import { reviewQueueJson, reviewQueueQuerySchema } from "@/lib/risk/schemas";

/** The fraud review queue (admins): referrals and partners with open signals, highest score first, with evidence. */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: { summary: "The fraud review queue (admins)", response: reviewQueueJson, successStatus: 200 },
    query: reviewQueueQuerySchema,
  },
  async ({ db, query }) => listReviewQueue(db, query),
);
