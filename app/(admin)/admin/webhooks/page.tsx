import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { DeliveriesTable } from "@/components/webhooks/DeliveriesTable";
import { EndpointForm } from "@/components/webhooks/EndpointForm";
import { EndpointsTable } from "@/components/webhooks/EndpointsTable";
import { InboundPanel } from "@/components/webhooks/InboundPanel";
import { Panel } from "@/components/webhooks/ui";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { WEBHOOK_EVENT_TYPES } from "@/lib/outbox/enqueue";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { getInboundSecretStatus, listRecentInbound } from "@/lib/webhooks/inbound-secret";
import { WEBHOOK_RETENTION_DAYS } from "@/lib/webhooks/retention";
import { DELIVERY_STATUSES } from "@/lib/webhooks/schemas";

export const metadata: Metadata = { title: "Webhooks" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function WebhooksPage({ searchParams }: { searchParams: Search }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const status = one(sp.status);
  const page = Math.max(1, Number(one(sp.page)) || 1);
  const db = await getDb();
  const [endpoints, deliveries, inbound, recent] = await Promise.all([
    listEndpoints(db),
    listDeliveries(db, {
      ...(status && (DELIVERY_STATUSES as readonly string[]).includes(status) ? { status } : {}),
      page: String(page),
    }),
    getInboundSecretStatus(db),
    listRecentInbound(db, 10),
  ]);
  const pages = Math.max(1, Math.ceil(deliveries.pagination.total / deliveries.pagination.pageSize));
  const href = (s: string | undefined, p = 1) =>
    `/admin/webhooks?${new URLSearchParams({ ...(s ? { status: s } : {}), ...(p > 1 ? { page: String(p) } : {}) })}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed outbound events (Standard Webhooks) to your systems, and signed inbound lead events from your CRM.
        </p>
      </div>
      <Panel
        title="Endpoints"
        description="Each delivery is signed with the endpoint's secret; 410 Gone disables an endpoint."
      >
        <div className="flex flex-col gap-5">
          <EndpointsTable rows={endpoints} />
          <EndpointForm eventTypes={WEBHOOK_EVENT_TYPES} />
        </div>
      </Panel>
      <Panel
        title="Deliveries"
        description={`Retried after 5 s, 30 s, 2 min, 15 min, 1 h, then every 6 h; abandoned after 24 hours. Finished deliveries and their attempts are deleted after ${WEBHOOK_RETENTION_DAYS} days.`}
      >
        <nav aria-label="Filter deliveries by status" className="mb-3 flex flex-wrap gap-2 text-sm">
          {[undefined, ...DELIVERY_STATUSES].map((s) => (
            <Link
              key={s ?? "all"}
              href={href(s)}
              aria-current={s === status ? "page" : undefined}
              className={`rounded-full px-3 py-1 ring-1 ring-slate-300 ${s === status ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
            >
              {s ?? "All"}
            </Link>
          ))}
        </nav>
        <DeliveriesTable rows={deliveries.data} />
        {pages > 1 ? (
          <nav aria-label="Delivery pages" className="mt-3 flex items-center gap-3 text-sm">
            {page > 1 ? <Link href={href(status, page - 1)}>← Previous</Link> : null}
            <span>
              Page {page} of {pages}
            </span>
            {page < pages ? <Link href={href(status, page + 1)}>Next →</Link> : null}
          </nav>
        ) : null}
      </Panel>
      <InboundPanel status={inbound} recent={recent} />
    </div>
  );
}
