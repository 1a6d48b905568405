import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { FilterBar, FilterProblem } from "@/components/admin/FilterBar";
import { formatDate, formatMoney, humanize } from "@/components/admin/format";
import { EmptyState, PageHeader } from "@/components/admin/PageHeader";
import { Pagination } from "@/components/admin/Pagination";
import { filterProblem, pick, type SearchParams } from "@/components/admin/search-params";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { getDb } from "@/db";
import { INSURANCE_TYPES, LEAD_STATUSES } from "@/db/schema";
import { leadListSchema, listLeads } from "@/lib/admin/leads";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Leads" };

const KEYS = ["status", "insuranceType", "q", "from", "to", "sort", "page", "pageSize"] as const;

export default async function LeadsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const parsed = leadListSchema.safeParse(raw);
  const res = await listLeads(await getDb(), parsed.success ? raw : {});
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
          { name: "q", label: "Search", type: "text", placeholder: "Name, e-mail, phone or external id" },
          { name: "status", label: "Status", type: "select", options: LEAD_STATUSES },
          { name: "insuranceType", label: "Insurance", type: "select", options: INSURANCE_TYPES },
          { name: "from", label: "Created from", type: "date" },
          { name: "to", label: "Created to", type: "date" },
        ]}
      />
      <FilterProblem message={parsed.success ? null : filterProblem(parsed.error.issues)} />
      {res.data.length === 0 ? (
        <EmptyState title="No leads match">
          Leads arrive through the quote form, partner submissions and the API.
        </EmptyState>
      ) : (
        <>
          <Table caption="Leads" head={["Created", "Name", "Contact", "Insurance", "Status", "Referred by", "Value"]}>
            {res.data.map((l) => (
              <tr key={l.id}>
                <Td className="whitespace-nowrap">{formatDate(l.createdAt)}</Td>
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
                <Td>{l.referredBy ?? <span className="text-slate-400">direct</span>}</Td>
                <Td numeric>{formatMoney(l.conversionValueCents)}</Td>
              </tr>
            ))}
          </Table>
          <Pagination path="/admin/leads" params={sp} {...res.pagination} totalCapped={res.totalCapped} />
        </>
      )}
    </>
  );
}
