import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { filterProblem, pick, type SearchParams } from "@/components/ui/url";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { DateTime, formatMoney, humanize } from "@/components/ui";
import { getDb } from "@/db";
import { INSURANCE_TYPES, LEAD_STATUSES } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { leadListSchema, leadReferrerName, listLeads } from "@/lib/leads/queries";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";

export const metadata: Metadata = { title: "Leads" };

const KEYS = ["status", "insuranceType", "q", "from", "to", "sort", "page", "pageSize"] as const;

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const db = await getDb();
  const parsed = parseListSafe(leadListSchema, raw);
  const { result: res, errors } = await listFirstPageOnBadCursor(parsed.params, (p) =>
    listLeads(db, {}, p, { countCap: COUNT_CAP }),
  );
  return (
    <>
      <PageHeader
        title="Leads"
        description="Quote requests from the form, partners and integrations, with their consent evidence."
      />
      <FilterBar
        label="Filter leads"
        action="/admin/leads"
        values={raw}
        fields={[
          { name: "q", label: "Search", type: "text", placeholder: "Name, e-mail, phone, ZIP or external id" },
          { name: "status", label: "Status", type: "select", options: LEAD_STATUSES },
          { name: "insuranceType", label: "Insurance", type: "select", options: INSURANCE_TYPES },
          { name: "from", label: "Created from", type: "date" },
          { name: "to", label: "Created to", type: "date" },
        ]}
      />
      <FilterProblem message={filterProblem([...parsed.errors, ...errors])} />
      {res.data.length === 0 ? (
        <EmptyState title="No leads match">
          Leads arrive through the quote form, partner submissions and the API.
        </EmptyState>
      ) : (
        <>
          <Table caption="Leads" head={["Created", "Name", "Contact", "Insurance", "Status", "Referred by", "Value"]}>
            {res.data.map((l) => (
              <tr key={l.id}>
                <Td className="whitespace-nowrap">
                  <DateTime value={l.createdAt} mode="date" />
                </Td>
                <Td>
                  <Link href={`/admin/leads/${l.id}`} className="font-medium text-brand-700 hover:underline">
                    {l.firstName} {l.lastName}
                  </Link>
                </Td>
                <Td className="text-xs">
                  {l.email ?? ""}
                  {l.phone ? <span className="block">{l.phone}</span> : null}
                  {l.state ? <span className="block text-slate-500">{l.state}</span> : null}
                </Td>
                <Td>{humanize(l.insuranceType)}</Td>
                <Td>
                  <StatusBadge status={l.status} />
                </Td>
                <Td>{leadReferrerName(l) ?? <span className="text-slate-500">direct</span>}</Td>
                <Td align="right">{"conversionValueCents" in l ? formatMoney(l.conversionValueCents) : null}</Td>
              </tr>
            ))}
          </Table>
          <Pagination
            pagination={res.pagination}
            basePath="/admin/leads"
            searchParams={sp}
            shown={res.data.length}
            totalCapped={res.pagination.totalCapped}
          />
        </>
      )}
    </>
  );
}
