import { DateTime } from "@/components/ui/date-time";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import type { TimelineEvent } from "@/lib/referrals/queries";

const ACTIONS: Record<string, string> = {
  "referral.created": "Referral recorded",
  "referral.accepted": "Accepted",
  "referral.linked": "Linked to the prospect",
  "referral.rejected": "Rejected",
  "referral.converted": "Policy sold",
  "referral.paid": "Commission paid",
  "referral.expired": "Expired",
  "reward.created": "Reward created",
  "reward.calculated": "Commission calculated",
  "reward.approved": "Commission approved",
  "reward.paid": "Commission paid out",
  "reward.cancelled": "Commission cancelled",
};

const describe = (action: string) => ACTIONS[action] ?? statusLabel(action.split(".").pop() ?? action);

/** The referral's history from the audit trail, oldest first. */
export function Timeline({ events }: { events: TimelineEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No recorded events yet.</p>;
  return (
    <ol className="relative flex flex-col gap-4 border-l border-slate-200 pl-5">
      {events.map((e) => (
        <li key={e.id} className="relative">
          <span
            aria-hidden="true"
            className="absolute -left-[1.6rem] top-1 size-2.5 rounded-full bg-brand-600 ring-4 ring-white"
          />
          <p className="text-sm font-medium text-slate-900">
            {describe(e.action)} {e.toStatus && <StatusBadge status={e.toStatus} />}
          </p>
          <p className="text-xs text-slate-600">
            <DateTime value={e.at} /> · {e.actor}
          </p>
          {e.reason && <p className="mt-1 text-sm text-slate-700">Reason: {statusLabel(e.reason)}</p>}
        </li>
      ))}
    </ol>
  );
}
