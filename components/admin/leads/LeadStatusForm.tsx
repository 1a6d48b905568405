"use client";
import { useState } from "react";
import { changeLeadStatusAction } from "@/app/(admin)/admin/leads/actions";
import { LEAD_STATUSES, type LeadStatus } from "@/db/schema";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import { humanize } from "@/components/ui";

/** Change a lead's status; the linked referral follows (qualified → accepted, converted → reward, lost → rejected). */
export function LeadStatusForm({ id, status }: { id: string; status: LeadStatus }) {
  const [to, setTo] = useState<LeadStatus>(status === "NEW" ? "CONTACTED" : status);
  const [value, setValue] = useState("");
  const { run, outcome } = useAction(changeLeadStatusAction, {
    success: (d) => `Lead is now ${humanize(d.status)}.${d.note ? ` ${d.note}` : ""}`,
  });
  const err = fieldError(outcome, "conversionValue");
  return (
    <form className="flex flex-col gap-3" aria-label="Change the lead's status" onSubmit={(e) => e.preventDefault()}>
      <div className="flex flex-wrap items-end gap-3">
        <Field label="New status" id="l-status">
          {(p) => (
            <select {...p} value={to} onChange={(e) => setTo(e.target.value as LeadStatus)}>
              {LEAD_STATUSES.map((s) => (
                <option key={s} value={s} disabled={s === status}>
                  {humanize(s)}
                  {s === status ? " (current)" : ""}
                </option>
              ))}
            </select>
          )}
        </Field>
        {to === "CONVERTED" ? (
          <Field
            label="Policy value (optional)"
            id="l-value"
            hint="e.g. first-year premium. Without it the reward waits as pending."
            error={err}
            className="w-64"
          >
            {(p) => <input {...p} value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" />}
          </Field>
        ) : null}
        <ConfirmDialog
          trigger="Change status"
          triggerClassName={buttonClass("primary")}
          disabled={to === status}
          title={`Mark the lead ${humanize(to)}?`}
          description="The linked referral follows this change in the same transaction."
          confirmLabel="Change status"
          onConfirm={async () =>
            !!(
              await run({
                id,
                status: to,
                ...(to === "CONVERTED" && value.trim() ? { conversionValue: value.trim() } : {}),
              })
            )?.ok
          }
        />
      </div>
      <Notice outcome={outcome} />
    </form>
  );
}
