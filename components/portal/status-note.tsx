import { formatBps } from "@/components/ui/format";
import { StatusBadge } from "@/components/ui/status-badge";

const WHY: Record<string, string> = {
  INACTIVE:
    "Your account is waiting for approval by the program team. Your link does not earn referrals yet; we will e-mail you once it is active.",
  SUSPENDED:
    "Your account is suspended, so your link does not earn new referrals. Referrals and earnings you already have are kept. Contact the program team to resolve it.",
  TERMINATED: "Your partnership has ended. Your link no longer earns referrals; approved earnings are still paid out.",
};

/** The headline commission rate and account status in one plain sentence, with what a non-active status means. */
export function StatusNote({
  status,
  statusReason,
  earning,
}: {
  status: string;
  statusReason: string | null;
  /** From `partnerEarning`: the headline rate, and whether some policies pay differently. */
  earning: { bps: number | null; varies: boolean; planName: string | null };
}) {
  return (
    <div className="flex flex-col gap-2">
      <p className="text-sm text-slate-700">
        {earning.bps !== null ? (
          <>
            You earn <strong>{formatBps(earning.bps)}</strong> of the value of every policy sold to someone you referred
            {earning.varies ? <> (some products pay differently: see How you earn)</> : null}.
          </>
        ) : (
          <>You earn by the {earning.planName ?? "program's"} plan: see How you earn.</>
        )}{" "}
        Account status: <StatusBadge status={status} />
      </p>
      {WHY[status] && (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {WHY[status]}
          {statusReason && <> Reason given: {statusReason}.</>}
        </p>
      )}
    </div>
  );
}
