"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { decideReview } from "@/lib/risk/review";
import { REVIEW_DECISIONS } from "@/lib/risk/schemas";

export const decideReviewAction = adminAction(
  z
    .object({
      id: z.uuid(),
      decision: z.enum(REVIEW_DECISIONS),
      reason: z.string().trim().min(1, "A reason is required").max(500),
    })
    .strict(),
  async ({ id, decision, reason }, { db, actor }) => {
    const r = await decideReview(db, id, { decision, reason }, actor);
    return { decision: r.decision, subject: r.subject };
  },
);
