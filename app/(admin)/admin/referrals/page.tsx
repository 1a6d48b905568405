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
import { REFERRAL_SOURCES, REFERRAL_STATUSES } from "@/db/schema";
import { partnerOptions } from "@/lib/admin/partners";
import { listReferrals, referralListSchema } from "@/lib/admin/referrals";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Referrals" };

const KEYS = ["status", "source", "partnerId", "leadId", "q", "from", "to", "sort", "page", "pageSize"] as const;

export default async function ReferralsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const raw = pick(sp, KEYS);
  const parsed = referralListSchema.safeParse(raw);
  const db = await getDb();
  const [res, partners] = await Promise.all([listReferrals(db, parsed.success ? raw : {}), partnerOptions(db)]);
  return (
    <>
      <PageHeader title="Referrals" description="Every referral from every partner, newest first." />
      <FilterBar
        label="Filter referrals"
        action="/admin/referrals"
        values={raw}
        hidden={{ leadId: raw.leadId }}
        fields={[
          { name: "q", label: "Search", type: "text", placeholder: "Code, partner or lead" },
          { name: "status", label: "Status", type: "select", options: REFERRAL_STATUSES },
          { name: "source", label: "Source", type: "select", options: REFERRAL_SOURCES },
          {
            name: "partnerId",
            label: "Partner",
            type: "select",
            options: partners.map((p) => ({ value: p.id, label: p.label })),
          },
          { name: "from", label: "Created from", type: "date" },
          { name: "to", label: "Created to", type: "date" },
          {
            name: "sort",
            label: "Sort",
            type: "select",
            anyLabel: "Newest first",
            options: [
              { value: "createdAt", label: "Oldest first" },
              { value: "-conversionValueCents", label: "Highest value" },
              { value: "status", label: "Status" },
            ],
          },
        ]}
      />
      <FilterProblem message={parsed.success ? null : filterProblem(parsed.error.issues)} />
      {res.data.length === 0 ? (
        <EmptyState title="No referrals match">Clear a filter or widen the dates.</EmptyState>
      ) : (
        <>
          <Table caption="Referrals" head={["Created", "Partner", "Lead", "Source", "Status", "Value", "Expires"]}>
            {res.data.map((r) => (
              <tr key={r.id}>
                <Td className="whitespace-nowrap">
                  <Link href={`/admin/referrals/${r.id}`} className="font-medium text-brand-700 hover:underline">
                    {formatDate(r.createdAt)}
                  </Link>
                  <span className="block font-mono text-xs text-slate-500">{r.referralCode}</span>
                </Td>
                <Td>
                  <Link href={`/admin/partners/${r.partnerId}`} className="hover:underline">
                    {r.partnerName}
                  </Link>
                </Td>
                <Td>
                  {r.leadId ? (
                    <Link href={`/admin/leads/${r.leadId}`} className="hover:underline">
                      {r.leadName}
                    </Link>
                  ) : (
                    <span className="text-slate-400">not linked</span>
                  )}
                </Td>
                <Td>{humanize(r.source)}</Td>
                <Td>
                  <StatusBadge status={r.status} />
                  {r.rejectionReason ? (
                    <span className="block text-xs text-slate-500">{humanize(r.rejectionReason)}</span>
                  ) : null}
                </Td>
                <Td numeric>{formatMoney(r.conversionValueCents, r.currency)}</Td>
                <Td className="whitespace-nowrap">{formatDate(r.expiresAt)}</Td>
              </tr>
            ))}
          </Table>
          <Pagination path="/admin/referrals" params={sp} {...res.pagination} totalCapped={res.totalCapped} />
        </>
      )}
    </>
  );
}
