"use client";
import { useState } from "react";
import { acceptAction, convertAction, linkLeadAction, rejectAction } from "@/app/(admin)/admin/referrals/actions";
import type { ReferralStatus } from "@/db/schema";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";

/** What an admin can do with a referral in its current status (the engine re-checks every transition). */
export function ReferralActions({
  id,
  status,
  hasLead,
  currency,
}: {
  id: string;
  status: ReferralStatus;
  hasLead: boolean;
  currency: string;
}) {
  const [leadId, setLeadId] = useState("");
  const [value, setValue] = useState("");
  const link = useAction(linkLeadAction, { success: "Linked to the lead; the referral is accepted." });
  const accept = useAction(acceptAction, { success: "Referral accepted." });
  const reject = useAction(rejectAction, { success: "Referral rejected." });
  const convert = useAction(convertAction, {
    success: (d) => `Conversion recorded; reward ${d.rewardStatus.toLowerCase()}.`,
  });
  const all = [link, accept, reject, convert];
  const outcome = all.map((a) => a.outcome).find(Boolean) ?? null;
  /** Only the latest action's message is shown. */
  const only = (keep: (typeof all)[number]) => all.filter((a) => a !== keep).forEach((a) => a.setOutcome(null));
  const open = status === "PENDING" || status === "ACCEPTED";
  // The last action's result stays on screen after the refresh that closes the referral.
  if (!open)
    return (
      <div className="flex flex-col gap-3">
        <Notice outcome={outcome} />
        <p className="text-sm text-slate-600">No actions: the referral is {status.toLowerCase()}.</p>
      </div>
    );
  const valueErr = fieldError(convert.outcome, "conversionValue");
  const leadErr = fieldError(link.outcome, "leadId");
  return (
    <div className="flex flex-col gap-4">
      {!hasLead ? (
        <form
          className="flex flex-wrap items-end gap-2"
          aria-label="Link to a lead"
          onSubmit={(e) => {
            e.preventDefault();
            only(link);
            void link.run({ id, leadId: leadId.trim() });
          }}
        >
          <Field label="Lead id" id="r-lead" error={leadErr} className="min-w-64 flex-1">
            {(p) => (
              <input
                {...p}
                value={leadId}
                onChange={(e) => setLeadId(e.target.value)}
                placeholder="UUID of the lead"
                className={`${p.className} font-mono`}
              />
            )}
          </Field>
          <button type="submit" className={buttonClass("secondary")} disabled={link.pending || !leadId.trim()}>
            Link to lead
          </button>
        </form>
      ) : null}
      <div className="flex flex-wrap gap-2">
        {status === "PENDING" ? (
          <ConfirmDialog
            trigger="Accept"
            triggerClassName={buttonClass("secondary")}
            title="Accept this referral?"
            description="The lead is confirmed as this partner's referral."
            confirmLabel="Accept"
            onConfirm={async () => (only(accept), !!(await accept.run({ id }))?.ok)}
          />
        ) : null}
        <ConfirmDialog
          trigger="Reject"
          triggerClassName={buttonClass("secondary")}
          title="Reject this referral?"
          description="The partner sees the reason. Rejected referrals earn nothing."
          confirmLabel="Reject"
          tone="danger"
          reason={{ label: "Reason", required: true, placeholder: "e.g. DUPLICATE_LEAD or a note" }}
          onConfirm={async (reason) => (only(reject), !!(await reject.run({ id, reason }))?.ok)}
        />
      </div>
      <form
        className="flex flex-wrap items-end gap-2"
        aria-label="Process the conversion"
        onSubmit={(e) => {
          e.preventDefault();
        }}
      >
        <Field
          label={`Conversion value (${currency})`}
          id="r-value"
          hint="e.g. first-year premium, 1200.00. The reward is computed from the partner's rate."
          error={valueErr}
          className="w-64"
        >
          {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" />}
        </Field>
        <ConfirmDialog
          trigger="Process conversion"
          triggerClassName={buttonClass("primary")}
          disabled={!value.trim()}
          title="Record the conversion?"
          description={`Conversion value ${value || "—"} ${currency}. This creates the partner's reward; doing it twice with the same value changes nothing.`}
          confirmLabel="Process conversion"
          onConfirm={async () => (only(convert), !!(await convert.run({ id, conversionValue: value }))?.ok)}
        />
      </form>
      <Notice outcome={outcome} />
    </div>
  );
}
