"use client";
import { useState } from "react";
import { changeStatus } from "@/app/(admin)/admin/partners/actions";
import type { PartnerStatus } from "@/db/schema";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { useAction } from "@/components/ui/use-action";
import { humanize } from "@/components/ui";

/** Which statuses an admin may move a partner to (the engine enforces the same machine). */
export const NEXT_STATUSES: Record<PartnerStatus, PartnerStatus[]> = {
  ACTIVE: ["INACTIVE", "SUSPENDED", "TERMINATED"],
  INACTIVE: ["ACTIVE", "SUSPENDED", "TERMINATED"],
  SUSPENDED: ["ACTIVE", "TERMINATED"],
  TERMINATED: [],
};

/** Change a partner's status: pick the new one, give a reason, confirm. */
export function StatusControl({ partnerId, name, status }: { partnerId: string; name: string; status: PartnerStatus }) {
  const options = NEXT_STATUSES[status];
  const [picked, setTo] = useState<PartnerStatus | "">(options[0] ?? "");
  // After a change the allowed targets change too: fall back to the first allowed one.
  const to = picked && options.includes(picked) ? picked : (options[0] ?? "");
  const { run, outcome } = useAction(changeStatus, { success: (d) => `Status changed to ${humanize(d.status)}.` });
  // The confirmation stays on screen after the refresh that leaves no status to change to.
  if (options.length === 0)
    return (
      <div className="flex flex-col gap-2">
        <Notice outcome={outcome} />
        <p className="text-sm text-slate-600">Terminated is final: no further status changes.</p>
      </div>
    );
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="new-status" className="block text-xs font-medium text-slate-700">
            New status
          </label>
          <select
            id="new-status"
            value={to}
            onChange={(e) => setTo(e.target.value as PartnerStatus)}
            className={controlClass()}
          >
            {options.map((s) => (
              <option key={s} value={s}>
                {humanize(s)}
              </option>
            ))}
          </select>
        </div>
        <ConfirmDialog
          trigger="Change status"
          triggerClassName={buttonClass("secondary")}
          title={`Change ${name} to ${humanize(to || "")}?`}
          description={
            to === "TERMINATED"
              ? "Terminated is final. Existing rewards stay payable; the code stops validating."
              : to === "ACTIVE"
                ? "The partner's code validates again and earns new referrals."
                : "The partner's code stops validating; new referrals are refused with this reason."
          }
          confirmLabel="Change status"
          tone={to === "TERMINATED" || to === "SUSPENDED" ? "danger" : "primary"}
          reason={{ label: "Reason", required: true }}
          onConfirm={async (reason) => !!(to && (await run({ id: partnerId, status: to, reason }))?.ok)}
        />
      </div>
      <Notice outcome={outcome} />
    </div>
  );
}
