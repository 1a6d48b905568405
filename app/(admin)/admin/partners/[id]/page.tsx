import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AuditEventsCard } from "@/components/audit/audit-table";
import { buttonClass } from "@/components/ui/button";
import { DetailList } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { Card, StatCard, StatGrid } from "@/components/ui/card";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, TableOrEmpty, Td } from "@/components/ui/table";
import { DateTime, formatBps, formatCount, formatMoney, formatPercent, humanize } from "@/components/ui";
import { LicenceEditor } from "@/components/admin/partners/LicenceEditor";
import { RegenerateCode } from "@/components/admin/partners/RegenerateCode";
import { StatusControl } from "@/components/admin/partners/StatusControl";
import { PlanAssign } from "@/components/admin/plans/PlanAssign";
import { RewardsTable } from "@/components/admin/rewards/RewardsTable";
import { TaxFormStatus } from "@/components/admin/tax/TaxFormStatus";
import { PayoutCurrencyForm } from "@/components/payouts/payout-currency-form";
import { setPayoutCurrencyAction } from "../actions";
import { adminPage } from "../../context";
import { serializeLicence } from "@/lib/compliance/licences";
import { listPlansWithCurrent } from "@/lib/commissions/read";
import { entityTimeline } from "@/lib/audit/queries";
import { partnerPerformance } from "@/lib/partners/performance";
import { getPartner, partnerLogin } from "@/lib/partners/queries";
import { listPayouts } from "@/lib/payouts/queries";
import { listReferrals } from "@/lib/referrals/queries";
import { listRewards } from "@/lib/rewards/queries";
import { getSettings } from "@/lib/settings";
import { getTaxForm } from "@/lib/tax/forms";
import { yearlyTotals } from "@/lib/tax/totals";

export const metadata: Metadata = { title: "Partner" };

export default async function PartnerPage({ params }: { params: Promise<{ id: string }> }) {
  const { db } = await adminPage();
  const { id } = await params;
  const p = await getPartner(db, {}, id);
  if (!p) notFound();
  const year = new Date().getUTCFullYear();
  const [login, perf, refs, rews, pays, events, plans, taxForm, [yearTotal], settings] = await Promise.all([
    partnerLogin(db, id),
    partnerPerformance(db, id),
    listReferrals(db, {}, { partnerId: id, pageSize: 10 }),
    listRewards(db, {}, { partnerId: id, pageSize: 10 }),
    listPayouts(db, {}, { partnerId: id, pageSize: 10 }),
    entityTimeline(db, "partner", id),
    listPlansWithCurrent(db),
    getTaxForm(db, id),
    yearlyTotals(db, year, [id]),
    getSettings(db),
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
              · code <span className="font-mono">{p.referralCode ?? "—"}</span>
            </span>
          </span>
        }
        actions={
          <Link href={`/admin/partners/${p.id}/edit`} className={buttonClass("secondary")}>
            Edit details
          </Link>
        }
      />
      <section aria-labelledby="perf-h" className="flex flex-col gap-3">
        <h2 id="perf-h" className="text-base font-semibold">
          Performance
        </h2>
        <StatGrid label="Performance">
          <StatCard label="Clicks" value={formatCount(perf.clicks)} />
          <StatCard
            label="Referrals"
            value={formatCount(perf.referrals)}
            hint={`${formatCount(perf.accepted)} accepted · ${formatCount(perf.rejected)} rejected`}
          />
          <StatCard
            label="Conversions"
            value={formatCount(perf.conversions)}
            hint={`Rate ${formatPercent(perf.conversionRate)}`}
          />
          <StatCard label="Conversion value" value={money(perf.conversionValueCents)} />
          <StatCard
            label="Pending / calculated"
            value={money(perf.rewards.PENDING.amountCents + perf.rewards.CALCULATED.amountCents)}
            hint={`${formatCount(perf.rewards.PENDING.count + perf.rewards.CALCULATED.count)} rewards`}
          />
          <StatCard
            label="Approved"
            value={money(perf.rewards.APPROVED.amountCents)}
            hint={`${formatCount(perf.rewards.APPROVED.count)} rewards`}
          />
          <StatCard
            label="Paid"
            value={money(perf.rewards.PAID.amountCents)}
            hint={`${formatCount(perf.rewards.PAID.count)} rewards`}
          />
          <StatCard
            label="Cancelled"
            value={money(perf.rewards.CANCELLED.amountCents)}
            hint={`${formatCount(perf.rewards.CANCELLED.count)} rewards`}
          />
        </StatGrid>
      </section>
      {/* Details get the full width, so e-mail and codes fit their columns; the two controls share a row. */}
      <Card title="Details">
        <DetailList
          items={[
            ["E-mail", p.email],
            ["Phone", p.phone ?? "—"],
            ["Company", p.companyName ?? "—"],
            [
              "Commission rate",
              p.commissionRateBps === null ? "The plan's rates" : `${formatBps(p.commissionRateBps)} (override)`,
            ],
            ["Currency", p.currency],
            ["Payout currency", p.payoutCurrency ? `${p.payoutCurrency} (converted)` : `${p.currency} (as earned)`],
            ["NPN", p.npn ?? "—"],
            ["Licensed states", p.licensedStates.length ? p.licensedStates.join(", ") : "—"],
            ["Payout method", humanize(p.payoutMethod)],
            [
              "Joined",
              <>
                <DateTime value={p.createdAt} mode="date" /> ({humanize(p.createdVia)})
              </>,
            ],
            [
              "Login",
              login ? (
                login.hasPassword ? (
                  login.lastLoginAt ? (
                    <>
                      Active, last <DateTime value={login.lastLoginAt} />
                    </>
                  ) : (
                    "Active"
                  )
                ) : (
                  "Invited, password not set"
                )
              ) : (
                "No login"
              ),
            ],
            ["Codes", p.codes.map((c) => `${c.code}${c.isCurrent ? " (current)" : " (alias)"}`).join(", ") || "—"],
          ]}
        />
      </Card>
      <Card title="Licences">
        {p.licences.length === 0 ? null : (
          <Table caption="Licences on file" head={["State", "Number", "Lines", "Expires", "Status", "Verified by"]}>
            {p.licences.map((raw) => {
              const l = serializeLicence(raw);
              return (
                <tr key={l.id}>
                  <Td>{l.state}</Td>
                  <Td>{l.number ?? "—"}</Td>
                  <Td>{l.lines.map(humanize).join(", ")}</Td>
                  <Td>{l.expiresOn ?? "—"}</Td>
                  <Td>
                    <StatusBadge status={l.status} />
                  </Td>
                  <Td>
                    {l.verification ? (
                      <>
                        {l.verification.by ?? "—"}, <DateTime value={l.verification.at} mode="date" />
                        {l.verification.evidenceNote ? ` (${l.verification.evidenceNote})` : ""}
                      </>
                    ) : (
                      "Not verified"
                    )}
                  </Td>
                </tr>
              );
            })}
          </Table>
        )}
        <p className="my-3 text-sm text-slate-600">
          Expired or unverified licences count as unlicensed: where a state rule is switched on, the partner then earns
          only the flat referral fee when a lead qualifies.
        </p>
        <LicenceEditor
          partnerId={p.id}
          initial={p.licences.map((l) => ({
            state: l.state,
            number: l.number ?? "",
            lines: l.lines,
            expiresOn: l.expiresOn ?? "",
            verified: l.verifiedAt !== null,
            evidenceNote: l.evidenceNote ?? "",
          }))}
        />
      </Card>
      <div className="grid gap-6 md:grid-cols-2">
        <Card title="Status">
          <StatusControl partnerId={p.id} name={name} status={p.status} />
        </Card>
        <Card title="Commission plan">
          <PlanAssign partnerId={p.id} planId={p.commissionPlanId} plans={plans.map(({ plan }) => plan)} />
        </Card>
        <Card title="Referral code">
          <p className="mb-3 text-sm text-slate-600">
            Current code <span className="font-mono font-semibold">{p.referralCode ?? "—"}</span>
          </p>
          <RegenerateCode partnerId={p.id} code={p.referralCode} />
        </Card>
        <Card title="Tax form">
          <TaxFormStatus
            form={taxForm}
            year={year}
            paidCents={yearTotal?.paidCents ?? 0}
            thresholdCents={settings.form1099ThresholdCents}
          />
        </Card>
        <Card title="Payout currency">
          <PayoutCurrencyForm
            action={setPayoutCurrencyAction}
            extra={{ id: p.id }}
            earningCurrency={p.currency}
            current={p.payoutCurrency}
            who="admin"
          />
        </Card>
      </div>
      <Card
        title="Referrals"
        actions={
          <Link
            className="text-sm font-medium text-brand-700 hover:underline"
            href={`/admin/referrals?partnerId=${p.id}`}
          >
            All {formatCount(refs.pagination.total)} referrals
          </Link>
        }
      >
        <TableOrEmpty
          rows={refs.data}
          empty="No referrals yet"
          caption="Latest referrals"
          head={["Created", "Lead", "Source", "Status", "Value"]}
        >
          {(r) => (
            <tr key={r.id}>
              <Td>
                <Link href={`/admin/referrals/${r.id}`} className="text-brand-700 hover:underline">
                  <DateTime value={r.createdAt} mode="date" />
                </Link>
              </Td>
              <Td>{r.lead ? `${r.lead.firstName} ${r.lead.lastName}` : "—"}</Td>
              <Td>{humanize(r.source)}</Td>
              <Td>
                <StatusBadge status={r.status} />
              </Td>
              <Td align="right">{formatMoney(r.conversionValueCents, r.currency)}</Td>
            </tr>
          )}
        </TableOrEmpty>
      </Card>
      <Card
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
        <RewardsTable
          rewards={rews.data}
          caption="Latest rewards"
          empty="No rewards yet"
          extra={{
            label: "Calculation",
            cell: (w) => <Td className="text-xs">{w.calculation?.explanation ?? "—"}</Td>,
          }}
        />
      </Card>
      <Card
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
        <TableOrEmpty
          rows={pays.data}
          empty="No payouts yet"
          caption="Latest payouts"
          head={["Created", "Status", "Amount", "Method", "Transaction"]}
        >
          {(x) => (
            <tr key={x.id}>
              <Td>
                <Link href={`/admin/payouts/${x.id}`} className="text-brand-700 hover:underline">
                  <DateTime value={x.createdAt} mode="date" />
                </Link>
              </Td>
              <Td>
                <StatusBadge status={x.status} />
              </Td>
              <Td align="right">{formatMoney(x.amountCents, x.currency)}</Td>
              <Td>{humanize(x.paymentMethod)}</Td>
              <Td className="font-mono text-xs">{x.transactionId ?? "—"}</Td>
            </tr>
          )}
        </TableOrEmpty>
      </Card>
      <AuditEventsCard events={events} caption="Events for this partner, oldest first" />
    </>
  );
}
