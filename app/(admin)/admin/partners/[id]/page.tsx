import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { AuditTable } from "@/components/admin/AuditTable";
import { buttonClass } from "@/components/admin/fields";
import {
  formatBps,
  formatDate,
  formatDateTime,
  formatMoney,
  formatNumber,
  formatPercent,
  humanize,
} from "@/components/admin/format";
import { DetailList, EmptyState, PageHeader, Section } from "@/components/admin/PageHeader";
import { RegenerateCode } from "@/components/admin/partners/RegenerateCode";
import { StatusControl } from "@/components/admin/partners/StatusControl";
import { StatCard } from "@/components/admin/StatCard";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { getDb } from "@/db";
import { entityTimeline } from "@/lib/audit/queries";
import { getPartnerForAdmin } from "@/lib/admin/partners";
import { listPayouts } from "@/lib/admin/payouts";
import { partnerPerformance } from "@/lib/admin/performance";
import { listReferrals } from "@/lib/admin/referrals";
import { listRewards } from "@/lib/admin/rewards";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Partner" };

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const db = await getDb();
  const p = await getPartnerForAdmin(db, id);
  if (!p) notFound();
  const [perf, refs, rews, pays, events] = await Promise.all([
    partnerPerformance(db, id),
    listReferrals(db, { partnerId: id, pageSize: 10 }),
    listRewards(db, { partnerId: id, pageSize: 10 }),
    listPayouts(db, { partnerId: id, pageSize: 10 }),
    entityTimeline(db, "partner", id),
  ]);
  const name = `${p.firstName} ${p.lastName}`;
  const money = (c: number) => formatMoney(c, p.currency);
  return (
    <>
      <PageHeader
        title={name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <StatusBadge status={p.status} />
            {p.statusReason ? <span>{p.statusReason}</span> : null}
            <span>
              · code <span className="font-mono">{p.code ?? "—"}</span>
            </span>
          </span>
        }
        actions={
          <Link href={`/admin/partners/${p.id}/edit`} className={buttonClass.secondary}>
            Edit details
          </Link>
        }
      />
      <section aria-labelledby="perf-h" className="flex flex-col gap-3">
        <h2 id="perf-h" className="text-base font-semibold">
          Performance
        </h2>
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <StatCard label="Clicks" value={formatNumber(perf.clicks)} />
          <StatCard
            label="Referrals"
            value={formatNumber(perf.referrals)}
            hint={`${formatNumber(perf.accepted)} accepted · ${formatNumber(perf.rejected)} rejected`}
          />
          <StatCard
            label="Conversions"
            value={formatNumber(perf.converted)}
            hint={`Rate ${formatPercent(perf.conversionRate)}`}
          />
          <StatCard label="Conversion value" value={money(perf.conversionValueCents)} />
          <StatCard
            label="Pending / calculated"
            value={money(perf.rewards.PENDING.amountCents + perf.rewards.CALCULATED.amountCents)}
            hint={`${formatNumber(perf.rewards.PENDING.count + perf.rewards.CALCULATED.count)} rewards`}
          />
          <StatCard
            label="Approved"
            value={money(perf.rewards.APPROVED.amountCents)}
            hint={`${formatNumber(perf.rewards.APPROVED.count)} rewards`}
          />
          <StatCard
            label="Paid"
            value={money(perf.rewards.PAID.amountCents)}
            hint={`${formatNumber(perf.rewards.PAID.count)} rewards`}
          />
          <StatCard
            label="Cancelled"
            value={money(perf.rewards.CANCELLED.amountCents)}
            hint={`${formatNumber(perf.rewards.CANCELLED.count)} rewards`}
          />
        </div>
      </section>
      <div className="grid gap-6 xl:grid-cols-3">
        <Section title="Details">
          <DetailList
            items={[
              ["E-mail", p.email],
              ["Phone", p.phone ?? "—"],
              ["Company", p.companyName ?? "—"],
              ["Commission rate", formatBps(p.commissionRateBps)],
              ["Currency", p.currency],
              ["NPN", p.npn ?? "—"],
              ["Licensed states", p.licensedStates.length ? p.licensedStates.join(", ") : "—"],
              ["Payout method", humanize(p.payoutMethod)],
              ["Joined", `${formatDate(p.createdAt)} (${humanize(p.createdVia)})`],
              [
                "Login",
                p.user
                  ? p.user.hasPassword
                    ? `Active${p.user.lastLoginAt ? `, last ${formatDateTime(p.user.lastLoginAt)}` : ""}`
                    : "Invited, password not set"
                  : "No login",
              ],
              ["Codes", p.codes.map((c) => `${c.code}${c.isCurrent ? " (current)" : " (alias)"}`).join(", ") || "—"],
            ]}
          />
        </Section>
        <Section title="Status">
          <StatusControl partnerId={p.id} name={name} status={p.status} />
        </Section>
        <Section title="Referral code">
          <p className="mb-3 text-sm text-slate-600">
            Current code <span className="font-mono font-semibold">{p.code ?? "—"}</span>
          </p>
          <RegenerateCode partnerId={p.id} code={p.code} />
        </Section>
      </div>
      <Section
        title="Referrals"
        actions={
          <Link
            className="text-sm font-medium text-brand-700 hover:underline"
            href={`/admin/referrals?partnerId=${p.id}`}
          >
            All {formatNumber(refs.pagination.total)} referrals
          </Link>
        }
      >
        {refs.data.length === 0 ? (
          <EmptyState title="No referrals yet" />
        ) : (
          <Table caption="Latest referrals" head={["Created", "Lead", "Source", "Status", "Value"]}>
            {refs.data.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link href={`/admin/referrals/${r.id}`} className="text-brand-700 hover:underline">
                    {formatDate(r.createdAt)}
                  </Link>
                </Td>
                <Td>{r.leadName ?? "—"}</Td>
                <Td>{humanize(r.source)}</Td>
                <Td>
                  <StatusBadge status={r.status} />
                </Td>
                <Td numeric>{formatMoney(r.conversionValueCents, r.currency)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section
        title="Rewards"
        actions={
          <Link
            className="text-sm font-medium text-brand-700 hover:underline"
            href={`/admin/rewards?view=all&partnerId=${p.id}`}
          >
            Approval queue for this partner
          </Link>
        }
      >
        {rews.data.length === 0 ? (
          <EmptyState title="No rewards yet" />
        ) : (
          <Table caption="Latest rewards" head={["Created", "Type", "Status", "Amount", "Hold until", "Note"]}>
            {rews.data.map((w) => (
              <tr key={w.id}>
                <Td>{formatDate(w.createdAt)}</Td>
                <Td>{humanize(w.type)}</Td>
                <Td>
                  <StatusBadge status={w.status} />
                </Td>
                <Td numeric>{formatMoney(w.amountCents, w.currency)}</Td>
                <Td>{formatDate(w.holdUntil)}</Td>
                <Td className="text-xs text-slate-600">
                  {w.cancelReason ?? w.approvalOverrideReason ?? w.reason ?? ""}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section
        title="Payouts"
        actions={
          <Link
            className="text-sm font-medium text-brand-700 hover:underline"
            href={`/admin/payouts?partnerId=${p.id}`}
          >
            All payouts
          </Link>
        }
      >
        {pays.data.length === 0 ? (
          <EmptyState title="No payouts yet" />
        ) : (
          <Table caption="Latest payouts" head={["Created", "Status", "Amount", "Method", "Transaction"]}>
            {pays.data.map((x) => (
              <tr key={x.id}>
                <Td>
                  <Link href={`/admin/payouts/${x.id}`} className="text-brand-700 hover:underline">
                    {formatDate(x.createdAt)}
                  </Link>
                </Td>
                <Td>
                  <StatusBadge status={x.status} />
                </Td>
                <Td numeric>{formatMoney(x.amountCents, x.currency)}</Td>
                <Td>{humanize(x.paymentMethod)}</Td>
                <Td className="font-mono text-xs">{x.transactionId ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section title="Audit events">
        {events.length === 0 ? (
          <EmptyState title="No events recorded" />
        ) : (
          <AuditTable events={events} caption="Events for this partner, oldest first" showEntity={false} />
        )}
      </Section>
    </>
  );
}
