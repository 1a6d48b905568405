import type { PublicEndpoint } from "@/lib/webhooks/endpoints";
import { EndpointActions } from "./EndpointActions";
import { DateTime } from "@/components/ui/date-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";

export function EndpointsTable({ rows }: { rows: PublicEndpoint[] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">No endpoints yet. Add one below to receive signed events.</p>;
  return (
    <Table
      caption="Webhook endpoints"
      head={[
        "URL",
        "Events",
        "Status",
        "Created",
        <span key="a" className="sr-only">
          Actions
        </span>,
      ]}
    >
      {rows.map((e) => (
        <tr key={e.id}>
          <Td className="max-w-72 break-all">
            <span className="font-medium text-slate-900">{e.url}</span>
            {e.description ? <span className="block text-xs text-slate-500">{e.description}</span> : null}
          </Td>
          <Td className="text-xs">{e.events.length ? e.events.join(", ") : "All events"}</Td>
          <Td>
            <StatusBadge status={e.enabled ? "ENABLED" : "DISABLED"} />
            {e.disabledReason ? <span className="block text-xs text-slate-500">{e.disabledReason}</span> : null}
          </Td>
          <Td>
            <DateTime value={e.createdAt} />
          </Td>
          <Td>
            <EndpointActions id={e.id} url={e.url} enabled={e.enabled} />
          </Td>
        </tr>
      ))}
    </Table>
  );
}
