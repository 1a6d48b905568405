import { apiRoute } from "@/lib/api/handler";
import { approveBatch } from "@/lib/payouts/schedule";
import { batchApprovalJson } from "@/lib/api/response-schemas";
import { batchIdParams } from "@/lib/payouts/schemas";

/** Approves a batch the scheduled job drafted (admins): its bank files can be made from then on. */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Approve a drafted payout batch",
      description:
        "Only a DRAFT batch (drafted on the payout day by the job when batches are scheduled) can be approved; 409 otherwise. Until then its bank files answer 409 (docs/payouts.md#scheduled-batches).",
      response: batchApprovalJson,
      successStatus: 200,
    },
    params: batchIdParams,
  },
  async ({ db, actor, params }) => {
    const b = await approveBatch(db, params.batchId, actor);
    return {
      batchId: b.id,
      status: b.status,
      payoutDay: b.payoutDay,
      payoutCount: b.payoutCount,
      approvedAt: b.approvedAt,
      approvedBy: b.approvedBy,
    };
  },
);
