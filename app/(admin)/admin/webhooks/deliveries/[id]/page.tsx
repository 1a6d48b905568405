import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ReplayButton } from "@/components/webhooks/ReplayButton";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { JsonValue } from "@/components/ui/json-value";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { getDelivery } from "@/lib/webhooks/deliveries";

export const metadata: Metadata = { title: "Webhook delivery" };

export default async function DeliveryPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const d = await getDelivery(await getDb(), id).catch((e: unknown) => {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  });
  return (
    <div className="flex flex-col gap-6">
      <div>
        <Link href="/admin/webhooks" className="text-sm text-brand-700 hover:underline">
          ← Webhooks
        </Link>
        <h1 className="mt-1 text-2xl font-bold tracking-tight text-slate-900">
          Delivery of <code>{d.eventType}</code>
        </h1>
      </div>
      <Card title="Delivery" actions={d.status === "PENDING" ? null : <ReplayButton id={d.id} />}>
        <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-3">
          {(
            [
              ["Status", <StatusBadge key="s" status={d.status} />],
              ["Endpoint", d.endpointUrl],
              ["webhook-id", <code key="m">{d.messageId}</code>],
              ["Attempts", d.attempts],
              ["Created", <DateTime key="c" value={d.createdAt} />],
              ["Delivered", <DateTime key="d" value={d.deliveredAt} />],
              ["Next attempt", d.status === "PENDING" ? <DateTime key="n" value={d.nextAttemptAt} /> : "–"],
              ["Last error", d.lastError ?? "–"],
            ] as [string, React.ReactNode][]
          ).map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs font-medium text-slate-500 uppercase">{k}</dt>
              <dd className="mt-0.5 break-all text-slate-900">{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title="Attempts">
        {d.attemptLog.length === 0 ? (
          <p className="text-sm text-slate-600">Not attempted yet.</p>
        ) : (
          <Table caption="Delivery attempts" head={["At", "HTTP status", "Duration", "Error", "Response"]}>
            {d.attemptLog.map((a) => (
              <tr key={a.id}>
                <Td>
                  <DateTime value={a.attemptedAt} />
                </Td>
                <Td>{a.statusCode ?? "–"}</Td>
                <Td className="tabular-nums">{a.durationMs ?? "–"} ms</Td>
                <Td>{a.error ?? "–"}</Td>
                <Td className="max-w-72 font-mono text-xs break-all">{a.responseSnippet ?? "–"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Payload">
        <JsonValue value={d.payload} />
      </Card>
    </div>
  );
}
