import Link from "next/link";
import type { DeliveryRow } from "@/lib/webhooks/deliveries";
import { ReplayButton } from "./ReplayButton";
import { Badge, cell, DataTable, When } from "./ui";

export function DeliveriesTable({ rows }: { rows: DeliveryRow[] }) {
  if (rows.length === 0)
    return (
      <p className="text-sm text-slate-600">
        No deliveries match. Events appear here once an endpoint is subscribed and something happens.
      </p>
    );
  return (
    <DataTable
      caption="Webhook deliveries"
      head={["Created", "Event", "Endpoint", "Status", "Attempts", "Last result", "Next attempt", ""]}
    >
      {rows.map((d) => (
        <tr key={d.id}>
          <td className={cell}>
            <Link href={`/admin/webhooks/deliveries/${d.id}`} className="text-brand-700 hover:underline">
              <When at={d.createdAt} />
            </Link>
          </td>
          <td className={cell}>
            <code className="text-xs">{d.eventType}</code>
          </td>
          <td className={`${cell} max-w-56 truncate`} title={d.endpointUrl}>
            {d.endpointUrl}
          </td>
          <td className={cell}>
            <Badge>{d.status}</Badge>
          </td>
          <td className={`${cell} text-right tabular-nums`}>{d.attempts}</td>
          <td className={`${cell} max-w-56 truncate`} title={d.lastError ?? undefined}>
            {d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : (d.lastError ?? "–")}
          </td>
          <td className={cell}>{d.status === "PENDING" ? <When at={d.nextAttemptAt} /> : "–"}</td>
          <td className={cell}>{d.status === "PENDING" ? null : <ReplayButton id={d.id} />}</td>
        </tr>
      ))}
    </DataTable>
  );
}
