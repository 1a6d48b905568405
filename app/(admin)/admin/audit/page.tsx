import type { Metadata } from "next";
import { AuditTable } from "@/components/audit/audit-table";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterBar } from "@/components/ui/filter-bar";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/paged-list";
import { filterProblem, type SearchParams } from "@/components/ui/url";
import { ACTOR_TYPES } from "@/db/schema";
import { auditFacets, auditFilterSchema, listAuditEvents } from "@/lib/audit/queries";
import { adminListPage } from "../context";

export const metadata: Metadata = { title: "Audit log" };

const KEYS = ["entityType", "entityId", "actor", "actorType", "action", "from", "to", "page", "pageSize"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { db, sp, raw } = await adminListPage(searchParams, KEYS);
  const parsed = auditFilterSchema.safeParse(raw);
  const [res, facets] = await Promise.all([listAuditEvents(db, parsed.success ? raw : {}), auditFacets(db)]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every create and state change, with who made it and the record before and after."
      />
      <FilterBar
        label="Filter the audit log"
        action="/admin/audit"
        submitLabel="Filter"
        values={raw}
        fields={[
          {
            name: "entityType",
            label: "Entity",
            type: "select",
            options: facets.entityTypes.map((t) => ({ value: t, label: t })),
          },
          { name: "entityId", label: "Entity id", type: "text", placeholder: "UUID" },
          {
            name: "action",
            label: "Action",
            type: "text",
            placeholder: "reward.approved or reward.",
            suggestions: facets.actions,
          },
          { name: "actor", label: "Actor", type: "text", placeholder: "e-mail, job or id" },
          {
            name: "actorType",
            label: "Actor type",
            type: "select",
            options: ACTOR_TYPES.map((t) => ({ value: t, label: t })),
          },
          { name: "from", label: "From", type: "date" },
          { name: "to", label: "To (inclusive)", type: "date" },
        ]}
      />
      {!parsed.success ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {filterProblem(parsed.error.issues)}
        </p>
      ) : null}
      <PagedList
        page={res}
        basePath="/admin/audit"
        searchParams={sp}
        totalCapped={res.totalCapped}
        empty={<EmptyState title="No events match these filters">Widen the time range or clear a filter.</EmptyState>}
      >
        <AuditTable events={res.data} caption="Audit events, newest first" />
      </PagedList>
    </>
  );
}
