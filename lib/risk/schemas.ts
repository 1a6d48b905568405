import { z } from "zod";
import { pageParams } from "@/lib/query/list";
import { enumInput, requiredText } from "@/lib/validation";

export const REVIEW_DECISIONS = ["CLEAR", "CONFIRM_FRAUD", "ESCALATE"] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

/** `POST /api/v1/review/{id}/decision` and the queue's decision form: a decision and its reason. */
export const reviewDecisionSchema = z.strictObject({
  decision: enumInput(REVIEW_DECISIONS),
  reason: requiredText(500, "Give a reason for the decision"),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

export const reviewQueueQuerySchema = z.strictObject({ page: pageParams.page, pageSize: pageParams.pageSize });
export type ReviewQueueQuery = z.infer<typeof reviewQueueQuerySchema>;

const at = z.iso.datetime().nullable();

export const reviewSignalJson = z.strictObject({
  id: z.string(),
  kind: z.string(),
  weight: z.number().int(),
  evidence: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
});

/** One queue entry: a referral with open signals, or a partner with open partner-level signals. */
export const reviewEntryJson = z.strictObject({
  subject: z.enum(["referral", "partner"]),
  id: z.string(),
  score: z.number().int(),
  held: z.boolean(),
  partner: z.strictObject({ id: z.string(), name: z.string(), status: z.string() }),
  referral: z
    .strictObject({
      code: z.string(),
      status: z.string(),
      source: z.string(),
      createdAt: z.iso.datetime(),
      convertedAt: at,
      lead: z.strictObject({ name: z.string(), email: z.string().nullable(), phone: z.string().nullable() }).nullable(),
      click: z
        .strictObject({ at: z.iso.datetime(), landingUrl: z.string().nullable(), ipHash: z.string().nullable() })
        .nullable(),
    })
    .nullable(),
  rewards: z.array(
    z.strictObject({
      id: z.string(),
      status: z.string(),
      amountCents: z.number().int().nullable(),
      currency: z.string(),
      underReview: z.boolean(),
    }),
  ),
  otherPartners: z.array(z.strictObject({ id: z.string(), name: z.string() })),
  signals: z.array(reviewSignalJson),
});

export const reviewQueueJson = z.strictObject({
  data: z.array(reviewEntryJson),
  pagination: z.strictObject({
    page: z.number().int().nullable(),
    pageSize: z.number().int(),
    total: z.number().int(),
    nextCursor: z.string().nullable(),
  }),
});

export const reviewDecisionJson = z.strictObject({
  subject: z.enum(["referral", "partner"]),
  id: z.string(),
  decision: z.enum(REVIEW_DECISIONS),
  reason: z.string(),
  signalsClosed: z.number().int(),
  rewardsReleased: z.number().int(),
  rewardsHeld: z.number().int(),
  rewardsCancelled: z.number().int(),
  clawbacks: z.number().int(),
  referralStatus: z.string().nullable(),
  partnerStatus: z.string(),
});
export type ReviewDecisionResult = z.infer<typeof reviewDecisionJson>;
