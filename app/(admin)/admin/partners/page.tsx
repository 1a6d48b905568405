import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ApplicationActions } from "@/components/admin/partners/ApplicationActions";
import { ApplicationDecisions } from "@/components/admin/partners/ApplicationDecisions";
import { buttonClass } from "@/components/ui/button";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { filterProblem, pick, type SearchParams } from "@/components/ui/url";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { DateTime, formatBps, formatCount } from "@/components/ui";
import { getDb } from "@/db";
import { PARTNER_STATUSES } from "@/db/schema";
import { requireAdmin } from "@/lib/auth/session";
import { countApplications, listPartners, partnerListSchema } from "@/lib/partners/queries";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";

export const metadata: Metadata = { title: "Partners" };

const KEYS = ["view", "q", "status", "sort", "page", "pageSize"] as const;
const SORT_OPTIONS = [
  { value: "-createdAt", label: "Newest first" },
  { value: "createdAt", label: "Oldest first" },
  { value: "lastName", label: "Name A–Z" },
  { value: "-lastName", label: "Name Z–A" },
  { value: "status", label: "Status" },
  { value: "-commissionRateBps", label: "Highest rate" },
];

export default async function PartnersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const db = await getDb();
  // A refused filter shows the defaults, but in the tab the URL asked for.
  const parsed = parseListSafe(partnerListSchema, raw);
  const view = raw.view === "applications" ? "applications" : "all";
  const [{ result: res, errors }, applications] = await Promise.all([
    listFirstPageOnBadCursor({ ...parsed.params, view }, (p) => listPartners(db, {}, p, { countCap: COUNT_CAP })),
    countApplications(db),
  ]);
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`;
  return (
    <>
      <PageHeader
        title="Partners"
        description="Agents, brokers and affiliates in the program."
        actions={
          <Link href="/admin/partners/new" className={buttonClass("primary")}>
            New partner
          </Link>
        }
      />
      <nav aria-label="Partner views" className="flex gap-2">
        <Link href="/admin/partners" className={tab(view === "all")} aria-current={view === "all" ? "page" : undefined}>
          All partners
        </Link>
        <Link
          href="/admin/partners?view=applications"
          className={tab(view === "applications")}
          aria-current={view === "applications" ? "page" : undefined}
        >
          Applications{" "}
          <span className="ml-1 rounded-full bg-amber-100 px-1.5 text-xs text-amber-900">
            {formatCount(applications)}
          </span>
        </Link>
      </nav>
      <FilterBar
        label="Filter partners"
        action="/admin/partners"
        values={raw}
        hidden={{ view: view === "applications" ? "applications" : undefined }}
        fields={[
          { name: "q", label: "Search", type: "text", placeholder: "Name, e-mail, company or code" },
          ...(view === "all"
            ? [{ name: "status", label: "Status", type: "select" as const, options: PARTNER_STATUSES }]
            : []),
          { name: "sort", label: "Sort", type: "select", options: SORT_OPTIONS, anyLabel: "Default (newest)" },
        ]}
      />
      <FilterProblem message={filterProblem([...parsed.errors, ...errors])} />
      <ApplicationDecisions>
        {res.data.length === 0 ? (
          <EmptyState title={view === "applications" ? "No applications waiting" : "No partners match"}>
            {view === "applications"
              ? "New sign-ups appear here until you approve or decline them."
              : "Clear the search or create a partner."}
          </EmptyState>
        ) : (
          <>
            <Table
              caption={view === "applications" ? "Partner applications" : "Partners"}
              head={[
                "Partner",
                "Code",
                "Status",
                "Rate",
                "Referrals",
                "Conversions",
                "Joined",
                ...(view === "applications" ? ["Decision"] : []),
              ]}
            >
              {res.data.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Link href={`/admin/partners/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.firstName} {p.lastName}
                    </Link>
                    <span className="block text-xs text-slate-500">
                      {p.email}
                      {p.companyName ? ` · ${p.companyName}` : ""}
                    </span>
                  </Td>
                  <Td className="font-mono text-xs">{p.referralCode ?? "—"}</Td>
                  <Td>
                    <StatusBadge status={p.status} />
                    {p.statusReason ? <span className="block text-xs text-slate-500">{p.statusReason}</span> : null}
                  </Td>
                  <Td align="right">{formatBps(p.commissionRateBps)}</Td>
                  <Td align="right">{formatCount(p.referralCount)}</Td>
                  <Td align="right">{formatCount(p.conversionCount)}</Td>
                  <Td className="whitespace-nowrap">
                    <DateTime value={p.createdAt} mode="date" />
                  </Td>
                  {view === "applications" ? (
                    <Td>
                      <ApplicationActions partnerId={p.id} name={`${p.firstName} ${p.lastName}`} />
                    </Td>
                  ) : null}
                </tr>
              ))}
            </Table>
            <Pagination
              pagination={res.pagination}
              basePath="/admin/partners"
              searchParams={sp}
              shown={res.data.length}
            />
          </>
        )}
      </ApplicationDecisions>
    </>
  );
}
