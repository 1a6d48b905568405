import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/paged-list";
import { filterProblem, type SearchParams } from "@/components/ui/url";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { DateTime, formatMoney, humanize } from "@/components/ui";
import { INSURANCE_TYPES, LEAD_STATUSES } from "@/db/schema";
import { leadListSchema, leadReferrerName, listLeads } from "@/lib/leads/queries";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";
import { CREATED_RANGE } from "@/components/admin/list-filters";
import { adminListPage } from "../context";

export const metadata: Metadata = { title: "Leads" };

const KEYS = ["status", "insuranceType", "q", "from", "to", "sort", "page", "pageSize"] as const;

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { db, sp, raw } = await adminListPage(searchParams, KEYS);
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
          ...CREATED_RANGE,
        ]}
      />
      <FilterProblem message={filterProblem([...parsed.errors, ...errors])} />
      <PagedList
        page={res}
        basePath="/admin/leads"
        searchParams={sp}
        empty={
          <EmptyState title="No leads match">
            Leads arrive through the quote form, partner submissions and the API.
          </EmptyState>
        }
      >
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
      </PagedList>
    </>
  );
}
