import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ApplicationActions } from "@/components/admin/partners/ApplicationActions";
import { buttonClass } from "@/components/admin/fields";
import { FilterBar, FilterProblem } from "@/components/admin/FilterBar";
import { formatBps, formatDate, formatNumber } from "@/components/admin/format";
import { EmptyState, PageHeader } from "@/components/admin/PageHeader";
import { Pagination } from "@/components/admin/Pagination";
import { filterProblem, pick, type SearchParams } from "@/components/admin/search-params";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { getDb } from "@/db";
import { PARTNER_STATUSES } from "@/db/schema";
import { countApplications, listPartners, partnerListSchema } from "@/lib/admin/partners";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Partners" };

const KEYS = ["view", "q", "status", "sort", "page", "pageSize"] as const;
const SORT_OPTIONS = [
  { value: "-createdAt", label: "Newest first" },
  { value: "createdAt", label: "Oldest first" },
  { value: "name", label: "Name A–Z" },
  { value: "-name", label: "Name Z–A" },
  { value: "status", label: "Status" },
  { value: "-commissionRateBps", label: "Highest rate" },
];

export default async function PartnersPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const parsed = partnerListSchema.safeParse(raw);
  const db = await getDb();
  const input = parsed.success ? raw : { view: raw.view === "applications" ? "applications" : "all" };
  const [res, applications] = await Promise.all([listPartners(db, input as never), countApplications(db)]);
  const view = parsed.success ? parsed.data.view : "all";
  const tab = (active: boolean) =>
    `rounded-md px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`;
  return (
    <>
      <PageHeader
        title="Partners"
        description="Agents, brokers and affiliates in the program."
        actions={
          <Link href="/admin/partners/new" className={buttonClass.primary}>
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
            {formatNumber(applications)}
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
      <FilterProblem message={parsed.success ? null : filterProblem(parsed.error.issues)} />
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
                <Td className="font-mono text-xs">{p.code ?? "—"}</Td>
                <Td>
                  <StatusBadge status={p.status} />
                  {p.statusReason ? <span className="block text-xs text-slate-500">{p.statusReason}</span> : null}
                </Td>
                <Td numeric>{formatBps(p.commissionRateBps)}</Td>
                <Td numeric>{formatNumber(p.referralCount)}</Td>
                <Td numeric>{formatNumber(p.conversionCount)}</Td>
                <Td className="whitespace-nowrap">{formatDate(p.createdAt)}</Td>
                {view === "applications" ? (
                  <Td>
                    <ApplicationActions partnerId={p.id} name={`${p.firstName} ${p.lastName}`} />
                  </Td>
                ) : null}
              </tr>
            ))}
          </Table>
          <Pagination path="/admin/partners" params={sp} {...res.pagination} />
        </>
      )}
    </>
  );
}
