import Link from "next/link";
import type { DeliveryRow } from "@/lib/webhooks/deliveries";
import { ReplayButton } from "./ReplayButton";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";

export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No deliveries match. Events appear here once an endpoint is subscribed and something happens.
      </p>
    );
  return (
    <Table
      caption="Webhook deliveries"
      head={[
        "Created",
        "Event",
        "Endpoint",
        "Status",
        "Attempts",
        "Last result",
        "Next attempt",
        <span key="a" className="sr-only">
          Actions
        </span>,
      ]}
    >
      {rows.map((d) => (
        <tr key={d.id}>
          <Td>
            <Link href={`/admin/webhooks/deliveries/${d.id}`} className="text-brand-700 hover:underline">
              <DateTime value={d.createdAt} />
            </Link>
          </Td>
          <Td>
            <code className="text-xs">{d.eventType}</code>
          </Td>
          <Td className="max-w-56 truncate" title={d.endpointUrl}>
            {d.endpointUrl}
          </Td>
          <Td>
            <StatusBadge status={d.status} />
          </Td>
          <Td align="right">{d.attempts}</Td>
          <Td className="max-w-56 truncate" title={d.lastError ?? undefined}>
            {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "–")}
          </Td>
          <Td>{d.status === "PENDING" ? <DateTime value={d.nextAttemptAt} /> : "–"}</Td>
          <Td>{d.status === "PENDING" ? null : <ReplayButton id={d.id} />}</Td>
        </tr>
      ))}
    </Table>
  );
}
