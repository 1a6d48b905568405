import type { Metadata } from "next";
import Link from "next/link";
import { ApplicationActions } from "@/components/admin/partners/ApplicationActions";
import { ApplicationDecisions } from "@/components/admin/partners/ApplicationDecisions";
import { buttonClass } from "@/components/ui/button";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/paged-list";
import { filterProblem, type SearchParams } from "@/components/ui/url";
import { StatusWithNote } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { ViewTabs } from "@/components/ui/view-tabs";
import { DateTime, formatBps, formatCount } from "@/components/ui";
import { PARTNER_STATUSES } from "@/db/schema";
import { countApplications, listPartners, partnerListSchema } from "@/lib/partners/queries";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";
import { adminListPage } from "../context";

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
  const { db, sp, raw } = await adminListPage(searchParams, KEYS);
  // A refused filter shows the defaults, but in the tab the URL asked for.
  const parsed = parseListSafe(partnerListSchema, raw);
  const view = raw.view === "applications" ? "applications" : "all";
  const [{ result: res, errors }, applications] = await Promise.all([
    listFirstPageOnBadCursor({ ...parsed.params, view }, (p) => listPartners(db, {}, p, { countCap: COUNT_CAP })),
    countApplications(db),
  ]);
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
      <ViewTabs
        label="Partner views"
        items={[
          { href: "/admin/partners", label: "All partners", active: view === "all" },
          {
            href: "/admin/partners?view=applications",
            active: view === "applications",
            label: (
              <>
                Applications{" "}
                <span className="ml-1 rounded-full bg-amber-100 px-1.5 text-xs text-amber-900">
                  {formatCount(applications)}
                </span>
              </>
            ),
          },
        ]}
      />
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
        <PagedList
          page={res}
          basePath="/admin/partners"
          searchParams={sp}
          empty={
            <EmptyState title={view === "applications" ? "No applications waiting" : "No partners match"}>
              {view === "applications"
                ? "New sign-ups appear here until you approve or decline them."
                : "Clear the search or create a partner."}
            </EmptyState>
          }
        >
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
                  <StatusWithNote status={p.status} note={p.statusReason} />
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
        </PagedList>
      </ApplicationDecisions>
    </>
  );
}
