import type { AuditEvent } from "@/lib/audit/queries";
import { DateTime } from "@/components/ui";

/** A record's history from its audit events, oldest first. */
export function AuditTimeline({ events }: { events: AuditEvent[] }) {
  if (events.length === 0) return <p className="text-sm text-slate-600">No events recorded.</p>;
  return (
    <ol className="relative ml-2 border-l border-slate-200">
      {events.map((e) => {
        const reason = (e.data as { reason?: string } | null)?.reason;
        return (
          <li key={e.id} className="mb-4 ml-4">
            <span
              aria-hidden="true"
              className="absolute -left-1.5 mt-1.5 h-3 w-3 rounded-full border border-white bg-brand-600"
            />
            <p className="text-sm font-medium text-slate-900">
              <span className="font-mono text-xs">{e.action}</span>
              {e.fromStatus || e.toStatus ? (
                <span className="ml-2 text-slate-700">{`${e.fromStatus ?? "∅"} → ${e.toStatus ?? "∅"}`}</span>
              ) : null}
            </p>
            <p className="text-xs text-slate-500">
              <DateTime value={e.createdAt} /> · {e.actorLabel ?? e.actorId ?? e.actorType.toLowerCase()}
            </p>
            {reason ? <p className="text-xs text-slate-700">Reason: {reason}</p> : null}
          </li>
        );
      })}
    </ol>
  );
}
