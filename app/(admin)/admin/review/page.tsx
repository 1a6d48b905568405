import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ReviewDecision } from "@/components/admin/review/ReviewDecision";
import { signalText } from "@/components/admin/review/signal-text";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { EmptyState } from "@/components/ui/empty-state";
import { Money } from "@/components/ui/money";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { StatusBadge, statusLabel } from "@/components/ui/status-badge";
import type { SearchParams } from "@/components/ui/url";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { parseListSafe } from "@/lib/query/list";
import { listReviewQueue } from "@/lib/risk/queue";
import { reviewQueueQuerySchema } from "@/lib/risk/schemas";

export const metadata: Metadata = { title: "Fraud review" };

export default async function ReviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireAdmin();
  await connection();
  const sp = await searchParams;
  const { params } = parseListSafe(reviewQueueQuerySchema, { page: sp.page, pageSize: sp.pageSize });
  const { data, pagination } = await listReviewQueue(await getDb(), params);
  return (
    <>
      <PageHeader
        title="Fraud review"
        description="Referrals and partners with open fraud signals, highest risk score first. Held rewards wait here for a decision."
      />
      {data.length === 0 ? (
        <EmptyState title="Nothing to review">No referral or partner has an open signal.</EmptyState>
      ) : (
        <ol className="flex flex-col gap-4" aria-label="Review queue">
          {data.map((e) => {
            const label =
              e.subject === "referral"
                ? `referral ${e.referral?.code ?? ""} (${e.partner.name})`
                : `partner ${e.partner.name}`;
            return (
              <li key={`${e.subject}-${e.id}`}>
                <Card
                  as="article"
                  id={`review-${e.id}`}
                  title={
                    <span>
                      {e.subject === "referral" ? "Referral" : "Partner"} · {e.partner.name}{" "}
                      <span className="text-sm font-normal text-slate-600">score {e.score}</span>
                    </span>
                  }
                  actions={e.held ? <StatusBadge status="ON_HOLD" label="Rewards held" /> : null}
                >
                  <div className="flex flex-col gap-3" data-testid="review-entry" data-id={e.id}>
                    <DetailList
                      items={[
                        [
                          "Partner",
                          <Link
                            key="p"
                            href={`/admin/partners/${e.partner.id}`}
                            className="text-brand-700 hover:underline"
                          >
                            {e.partner.name} ({statusLabel(e.partner.status)})
                          </Link>,
                        ],
                        ...(e.referral
                          ? ([
                              [
                                "Referral",
                                <Link
                                  key="r"
                                  href={`/admin/referrals/${e.id}`}
                                  className="text-brand-700 hover:underline"
                                >
                                  {e.referral.code} · {statusLabel(e.referral.status)}
                                </Link>,
                              ],
                              [
                                "Lead",
                                e.referral.lead
                                  ? `${e.referral.lead.name} · ${e.referral.lead.email ?? "no e-mail"} · ${e.referral.lead.phone ?? "no phone"}`
                                  : "—",
                              ],
                              [
                                "Click",
                                e.referral.click ? (
                                  <span key="c">
                                    <DateTime value={e.referral.click.at} /> · {e.referral.click.landingUrl ?? ""} · IP{" "}
                                    {e.referral.click.ipHash ?? "unknown"}
                                  </span>
                                ) : (
                                  "No recorded click"
                                ),
                              ],
                              ["Referral created", <DateTime key="rc" value={e.referral.createdAt} />],
                              [
                                "Converted",
                                e.referral.convertedAt ? <DateTime key="cv" value={e.referral.convertedAt} /> : "—",
                              ],
                            ] as [string, React.ReactNode][])
                          : []),
                        [
                          "Other partners involved",
                          e.otherPartners.length
                            ? e.otherPartners.map((p, i) => (
                                <span key={p.id}>
                                  {i ? ", " : ""}
                                  <Link href={`/admin/partners/${p.id}`} className="text-brand-700 hover:underline">
                                    {p.name}
                                  </Link>
                                </span>
                              ))
                            : "None",
                        ],
                        [
                          "Rewards",
                          e.rewards.length
                            ? e.rewards.map((w, i) => (
                                <span key={w.id}>
                                  {i ? ", " : ""}
                                  <Money cents={w.amountCents} currency={w.currency} />{" "}
                                  {statusLabel(w.status).toLowerCase()}
                                  {w.underReview ? " (held)" : ""}
                                </span>
                              ))
                            : "None yet",
                        ],
                      ]}
                    />
                    <ul className="flex flex-col gap-1 text-sm" aria-label="Signals">
                      {e.signals.map((s) => (
                        <li key={s.id}>
                          <span className="font-medium">{statusLabel(s.kind)}</span> (+{s.weight}):{" "}
                          {signalText(s.kind, s.evidence)}
                        </li>
                      ))}
                    </ul>
                    <ReviewDecision id={e.id} subject={e.subject} label={label} />
                  </div>
                </Card>
              </li>
            );
          })}
        </ol>
      )}
      <Pagination pagination={pagination} basePath="/admin/review" searchParams={sp} shown={data.length} />
    </>
  );
}
