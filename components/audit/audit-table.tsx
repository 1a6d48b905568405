import type { AuditEvent } from "@/lib/audit/queries";
import { DateTime, humanize } from "@/components/ui";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td } from "@/components/ui/table";
import { EntityLink } from "./entity-link";

function Json({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  return (
    <div>
      <p className="text-xs font-semibold text-slate-500">{label}</p>
      <pre className="mt-0.5 max-w-md overflow-x-auto rounded bg-slate-50 p-2 text-xs whitespace-pre-wrap">
        {JSON.stringify(value, null, 2)}
      </pre>
    </div>
  );
}

/** Who did what to which record, the status change, and the before/after snapshots. */
export function AuditTable({
  events,
  caption,
  showEntity = true,
}: {
  events: AuditEvent[];
  caption: string;
  showEntity?: boolean;
}) {
  return (
    <Table caption={caption} head={["When", "Who", ...(showEntity ? ["Record"] : []), "Action", "Change", "Details"]}>
      {events.map((e) => {
        const hasDetails = e.before != null || e.after != null || e.data != null;
        return (
          <tr key={e.id}>
            <Td className="whitespace-nowrap">
              <DateTime value={e.createdAt} />
            </Td>
            <Td>
              <span className="font-medium">{e.actorLabel ?? e.actorId ?? "—"}</span>
              <span className="block text-xs text-slate-500">{humanize(e.actorType)}</span>
            </Td>
            {showEntity ? (
              <Td>
                <EntityLink type={e.entityType} id={e.entityId} />
              </Td>
            ) : null}
            <Td className="font-mono text-xs">{e.action}</Td>
            <Td className="whitespace-nowrap">
              {e.fromStatus || e.toStatus ? `${e.fromStatus ?? "∅"} → ${e.toStatus ?? "∅"}` : "—"}
            </Td>
            <Td>
              {hasDetails ? (
                <details>
                  <summary className="cursor-pointer text-brand-700">Before / after</summary>
                  <div className="mt-2 flex flex-col gap-2">
                    <Json label="Before" value={e.before} />
                    <Json label="After" value={e.after} />
                    <Json label="Data" value={e.data} />
                  </div>
                </details>
              ) : (
                <span className="text-slate-500">—</span>
              )}
              {e.requestId ? <span className="block text-xs text-slate-500">request {e.requestId}</span> : null}
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}

/** The "Audit events" card of a detail page: one record's events, or a note that there are none. */
export function AuditEventsCard({ events, caption }: { events: AuditEvent[]; caption: string }) {
  return (
    <Card title="Audit events">
      {events.length === 0 ? (
        <EmptyState title="No events recorded" />
      ) : (
        <AuditTable events={events} caption={caption} showEntity={false} />
      )}
    </Card>
  );
}
