import type { PublicEndpoint } from "@/lib/webhooks/endpoints";
import { EndpointActions } from "./EndpointActions";
import { Badge, cell, DataTable, When } from "./ui";

export function EndpointsTable({ rows }: { rows: PublicEndpoint[] }) {
  if (rows.length === 0)
    return <p className="text-sm text-slate-600">No endpoints yet. Add one below to receive signed events.</p>;
  return (
    <DataTable caption="Webhook endpoints" head={["URL", "Events", "Status", "Created", ""]}>
      {rows.map((e) => (
        <tr key={e.id}>
          <td className={`${cell} max-w-72 break-all`}>
            <span className="font-medium text-slate-900">{e.url}</span>
            {e.description ? <span className="block text-xs text-slate-500">{e.description}</span> : null}
          </td>
          <td className={`${cell} text-xs`}>{e.events.length ? e.events.join(", ") : "All events"}</td>
          <td className={cell}>
            <Badge>{e.enabled ? "ENABLED" : "DISABLED"}</Badge>
            {e.disabledReason ? <span className="block text-xs text-slate-500">{e.disabledReason}</span> : null}
          </td>
          <td className={cell}>
            <When at={e.createdAt} />
          </td>
          <td className={cell}>
            <EndpointActions id={e.id} url={e.url} enabled={e.enabled} />
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
