import type { Metadata } from "next";
import Link from "next/link";
import { DeliveriesTable } from "@/components/webhooks/DeliveriesTable";
import { EndpointForm } from "@/components/webhooks/EndpointForm";
import { EndpointsTable } from "@/components/webhooks/EndpointsTable";
import { InboundPanel } from "@/components/webhooks/InboundPanel";
import { Card } from "@/components/ui/card";
import { PagedList } from "@/components/ui/paged-list";
import { enumLabel } from "@/lib/enum-label";
import { WEBHOOK_EVENT_TYPES } from "@/lib/outbox/enqueue";
import { listDeliveries } from "@/lib/webhooks/deliveries";
import { listEndpoints } from "@/lib/webhooks/endpoints";
import { getInboundSecretStatus, listRecentInbound } from "@/lib/webhooks/inbound-secret";
import { WEBHOOK_RETENTION_DAYS } from "@/lib/webhooks/retention";
import { DELIVERY_STATUSES, listDeliveriesSchema } from "@/lib/webhooks/schemas";
import { parseListSafe } from "@/lib/query/list";
import { adminPage } from "../context";

export const metadata: Metadata = { title: "Webhooks" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function WebhooksPage({ searchParams }: { searchParams: Search }) {
  const { db } = await adminPage();
  const sp = await searchParams;
  // The shared list parser: a bad status or page shows the first page of every delivery.
  const { params } = parseListSafe(listDeliveriesSchema, { status: one(sp.status), page: one(sp.page) });
  const status = params.status?.[0];
  const [endpoints, deliveries, inbound, recent] = await Promise.all([
    listEndpoints(db),
    listDeliveries(db, params),
    getInboundSecretStatus(db),
    listRecentInbound(db, 10),
  ]);
  const href = (s: string | undefined) => `/admin/webhooks${s ? `?${new URLSearchParams({ status: s })}` : ""}`;
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          Signed outbound events (Standard Webhooks) to your systems, and signed inbound lead events from your CRM.
        </p>
      </div>
      <Card
        title="Endpoints"
        description="Each delivery is signed with the endpoint's secret; 410 Gone disables an endpoint."
      >
        <div className="flex flex-col gap-5">
          <EndpointsTable rows={endpoints} />
          <EndpointForm eventTypes={WEBHOOK_EVENT_TYPES} />
        </div>
      </Card>
      <Card
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
              {s ? enumLabel(s) : "All"}
            </Link>
          ))}
        </nav>
        <PagedList page={deliveries} basePath="/admin/webhooks" searchParams={sp}>
          <DeliveriesTable rows={deliveries.data} />
        </PagedList>
      </Card>
      <InboundPanel status={inbound} recent={recent} />
    </div>
  );
}
