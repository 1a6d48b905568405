import type { Metadata } from "next";
import Link from "next/link";
import { FilterBar, FilterProblem } from "@/components/ui/filter-bar";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/paged-list";
import { filterProblem, type SearchParams } from "@/components/ui/url";
import { StatusWithNote } from "@/components/ui/status-badge";
import { Table, Td } from "@/components/ui/table";
import { DateTime, formatMoney, humanize } from "@/components/ui";
import { REFERRAL_SOURCES, REFERRAL_STATUSES } from "@/db/schema";
import { partnerOptions } from "@/lib/partners/queries";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { COUNT_CAP } from "@/lib/query/run";
import { listReferrals, referralListSchema } from "@/lib/referrals/queries";
import { CREATED_RANGE, partnerFilter } from "@/components/admin/list-filters";
import { adminListPage } from "../context";

export const metadata: Metadata = { title: "Referrals" };

const KEYS = ["status", "source", "partnerId", "leadId", "q", "from", "to", "sort", "page", "pageSize"] as const;

export default async function ReferralsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { db, sp, raw } = await adminListPage(searchParams, KEYS);
  const parsed = parseListSafe(referralListSchema, raw);
  const [{ result: res, errors }, partners] = await Promise.all([
    listFirstPageOnBadCursor(parsed.params, (p) => listReferrals(db, {}, p, { countCap: COUNT_CAP })),
    partnerOptions(db),
  ]);
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
          partnerFilter(partners),
          ...CREATED_RANGE,
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
      <FilterProblem message={filterProblem([...parsed.errors, ...errors])} />
      <PagedList
        page={res}
        basePath="/admin/referrals"
        searchParams={sp}
        empty={<EmptyState title="No referrals match">Clear a filter or widen the dates.</EmptyState>}
      >
        <Table caption="Referrals" head={["Created", "Partner", "Lead", "Source", "Status", "Value", "Expires"]}>
          {res.data.map((r) => (
            <tr key={r.id}>
              <Td className="whitespace-nowrap">
                <Link href={`/admin/referrals/${r.id}`} className="font-medium text-brand-700 hover:underline">
                  <DateTime value={r.createdAt} mode="date" />
                </Link>
                <span className="block font-mono text-xs text-slate-500">{r.referralCode}</span>
              </Td>
              <Td>
                <Link href={`/admin/partners/${r.partnerId}`} className="hover:underline">
                  {r.partnerName}
                </Link>
              </Td>
              <Td>
                {r.lead ? (
                  <Link href={`/admin/leads/${r.lead.id}`} className="hover:underline">
                    {r.lead.firstName} {r.lead.lastName}
                  </Link>
                ) : (
                  <span className="text-slate-500">not linked</span>
                )}
              </Td>
              <Td>{humanize(r.source)}</Td>
              <Td>
                <StatusWithNote status={r.status} note={r.rejectionReason && humanize(r.rejectionReason)} />
              </Td>
              <Td align="right">{formatMoney(r.conversionValueCents, r.currency)}</Td>
              <Td className="whitespace-nowrap">
                <DateTime value={r.expiresAt} mode="date" />
              </Td>
            </tr>
          ))}
        </Table>
      </PagedList>
    </>
  );
}
