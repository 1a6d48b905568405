import type { Metadata } from "next";
import { connection } from "next/server";
import { AuditTable } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button";
import { controlClass } from "@/components/ui/field";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { filterProblem, pick, type SearchParams } from "@/components/ui/url";
import { getDb } from "@/db";
import { ACTOR_TYPES } from "@/db/schema";
import { auditFacets, auditFilterSchema, listAuditEvents } from "@/lib/audit/queries";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Audit log" };

const KEYS = ["entityType", "entityId", "actor", "actorType", "action", "from", "to", "page", "pageSize"] as const;

export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const parsed = auditFilterSchema.safeParse(raw);
  const db = await getDb();
  const [res, facets] = await Promise.all([listAuditEvents(db, parsed.success ? raw : {}), auditFacets(db)]);
  const label = "text-xs font-medium text-slate-700";
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every create and state change, with who made it and the record before and after."
      />
      <form
        method="get"
        aria-label="Filter the audit log"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-4"
      >
        <div>
          <label htmlFor="f-entityType" className={label}>
            Entity
          </label>
          <select id="f-entityType" name="entityType" defaultValue={raw.entityType ?? ""} className={controlClass()}>
            <option value="">Any</option>
            {facets.entityTypes.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-entityId" className={label}>
            Entity id
          </label>
          <input
            id="f-entityId"
            name="entityId"
            defaultValue={raw.entityId ?? ""}
            className={controlClass()}
            placeholder="UUID"
          />
        </div>
        <div>
          <label htmlFor="f-action" className={label}>
            Action
          </label>
          <input
            id="f-action"
            name="action"
            list="audit-actions"
            defaultValue={raw.action ?? ""}
            className={controlClass()}
            placeholder="reward.approved or reward."
          />
          <datalist id="audit-actions">
            {facets.actions.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor="f-actor" className={label}>
            Actor
          </label>
          <input
            id="f-actor"
            name="actor"
            defaultValue={raw.actor ?? ""}
            className={controlClass()}
            placeholder="e-mail, job or id"
          />
        </div>
        <div>
          <label htmlFor="f-actorType" className={label}>
            Actor type
          </label>
          <select
            id="f-actorType"
            name="actorType"
            defaultValue={raw.actorType?.toUpperCase() ?? ""}
            className={controlClass()}
          >
            <option value="">Any</option>
            {ACTOR_TYPES.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className={label}>
            From
          </label>
          <input id="f-from" name="from" type="date" defaultValue={raw.from ?? ""} className={controlClass()} />
        </div>
        <div>
          <label htmlFor="f-to" className={label}>
            To (inclusive)
          </label>
          <input id="f-to" name="to" type="date" defaultValue={raw.to ?? ""} className={controlClass()} />
        </div>
        <div className="flex items-end gap-2">
          <button type="submit" className={buttonClass("primary")}>
            Filter
          </button>
          <a href="/admin/audit" className={buttonClass("secondary")}>
            Reset
          </a>
        </div>
      </form>
      {!parsed.success ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {filterProblem(parsed.error.issues)}
        </p>
      ) : null}
      {res.data.length === 0 ? (
        <EmptyState title="No events match these filters">Widen the time range or clear a filter.</EmptyState>
      ) : (
        <>
          <AuditTable events={res.data} caption="Audit events, newest first" />
          <Pagination
            pagination={res.pagination}
            basePath="/admin/audit"
            searchParams={sp}
            shown={res.data.length}
            totalCapped={res.totalCapped}
          />
        </>
      )}
    </>
  );
}
