import Link from "next/link";
import { connection } from "next/server";
import { PERIODS, periodFrom } from "@/components/portal/periods";
import { FilterBar, IgnoredFilters } from "@/components/ui/filter-bar";
import { LinkButton } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Select } from "@/components/ui/field";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { SortedTablePage } from "@/components/ui/paged-list";
import { StatusWithNote, statusLabel } from "@/components/ui/status-badge";
import { Td, Tr } from "@/components/ui/table";
import { firstParam, type SearchParams } from "@/components/ui/url";
import { REFERRAL_SOURCES, REFERRAL_STATUSES } from "@/db/schema/enums";
import { portalContext } from "@/lib/portal/context";
import { listFirstPageOnBadCursor, parseListSafe } from "@/lib/query/list";
import { listReferrals, referralListSchema } from "@/lib/referrals/queries";

export const metadata = { title: "Referrals" };
const BASE = "/portal/referrals";

export default async function ReferralsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await connection();
  const sp = await searchParams;
  const { db, scope } = await portalContext();
  const period = firstParam(sp.period);
  const parsed = parseListSafe(referralListSchema, { ...sp, from: firstParam(sp.from) ?? periodFrom(period) });
  const {
    params,
    result,
    errors: cursorErrors,
  } = await listFirstPageOnBadCursor(parsed.params, (p) => listReferrals(db, scope, p));
  const errors = [...parsed.errors, ...cursorErrors];
  const filtered = Boolean(params.q || params.status || params.source || params.from || params.to);
  const status = firstParam(sp.status) ?? "";

  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Referrals"
        description="Everyone who asked for a quote through your link or whom you submitted, and where each one stands."
        actions={
          <LinkButton href="/portal/referrals/new" variant="primary">
            Submit a referral
          </LinkButton>
        }
      />
      <FilterBar
        action={BASE}
        label="Filter"
        values={{ q: params.q, status, source: firstParam(sp.source), period }}
        hidden={{ sort: params.sort }}
      >
        <Input
          label="Search"
          name="q"
          type="search"
          defaultValue={params.q ?? ""}
          placeholder="First name, code or sub id"
          className="w-full sm:w-56"
        />
        <Select
          label="Status"
          name="status"
          defaultValue={REFERRAL_STATUSES.includes(status.toUpperCase() as never) ? status.toUpperCase() : ""}
          placeholder="Any status"
          options={REFERRAL_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <Select
          label="Source"
          name="source"
          defaultValue={firstParam(sp.source)?.toUpperCase() ?? ""}
          placeholder="Any source"
          options={REFERRAL_SOURCES.map((s) => ({ value: s, label: statusLabel(s) }))}
        />
        <Select label="Period" name="period" defaultValue={period ?? ""} placeholder="All time" options={PERIODS} />
      </FilterBar>
      <IgnoredFilters errors={errors} />

      <SortedTablePage
        page={result}
        basePath={BASE}
        searchParams={sp}
        sort={params.sort}
        caption="Your referrals"
        columns={[
          { label: "Created", field: "createdAt" },
          "Prospect",
          "Insurance",
          { label: "Source", field: "source", defaultDesc: false },
          { label: "Status", field: "status", defaultDesc: false },
          { label: "Policy value", align: "right" },
          { label: "Expires", field: "expiresAt" },
        ]}
        empty={
          filtered ? (
            <EmptyState
              title="No referrals match these filters"
              action={<LinkButton href={BASE}>Clear filters</LinkButton>}
            >
              Try another status, source or period.
            </EmptyState>
          ) : (
            <EmptyState
              title="No referrals yet"
              action={
                <>
                  <LinkButton href="/portal/share" variant="primary">
                    Share your link
                  </LinkButton>
                  <LinkButton href="/portal/referrals/new">Submit a referral</LinkButton>
                </>
              }
            >
              When someone requests a quote through your link, or you submit a prospect you met, the referral appears
              here with its status.
            </EmptyState>
          )
        }
      >
        {result.data.map((r) => (
          <Tr key={r.id}>
            <Td>
              <Link href={`${BASE}/${r.id}`} className="font-medium text-brand-700 hover:underline">
                <DateTime value={r.createdAt} mode="date" />
              </Link>
            </Td>
            <Td>
              {r.lead ? `${r.lead.firstName} ${r.lead.lastName}` : <span className="text-slate-500">No lead yet</span>}
              {r.subId && <span className="block text-xs text-slate-500">sub: {r.subId}</span>}
            </Td>
            <Td>{r.lead ? statusLabel(r.lead.insuranceType) : "—"}</Td>
            <Td>{statusLabel(r.source)}</Td>
            <Td>
              <StatusWithNote status={r.status} note={r.rejectionReason && statusLabel(r.rejectionReason)} />
            </Td>
            <Td align="right">
              <Money cents={r.conversionValueCents} currency={r.currency} />
            </Td>
            <Td>
              <DateTime value={r.expiresAt} mode="date" />
            </Td>
          </Tr>
        ))}
      </SortedTablePage>
    </div>
  );
}
