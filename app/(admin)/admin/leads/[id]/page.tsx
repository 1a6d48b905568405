import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DateTime, formatMoney, humanize } from "@/components/ui";
import { LeadStatusForm } from "@/components/admin/leads/LeadStatusForm";
import { DetailList } from "@/components/ui/detail-list";
import { PageHeader } from "@/components/ui/page-header";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { StatusBadge, StatusWithNote } from "@/components/ui/status-badge";
import { TableOrEmpty, Td } from "@/components/ui/table";
import { AuditTimeline } from "@/components/audit/audit-timeline";
import { entityTimeline } from "@/lib/audit/queries";
import { getLead } from "@/lib/leads/queries";
import { adminPage } from "../../context";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  const { db } = await adminPage();
  const { id } = await params;
  const [l, timeline] = await Promise.all([getLead(db, {}, id), entityTimeline(db, "lead", id)]);
  if (!l) notFound();
  const { consents, referrals } = l;
  return (
    <>
      <PageHeader
        title={`${l.firstName} ${l.lastName}`}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={l.status} /> {humanize(l.insuranceType)} insurance · received{" "}
            <DateTime value={l.createdAt} />
          </span>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Card title="Details">
          <DetailList
            items={[
              ["E-mail", l.email ?? "—"],
              ["Phone", l.phone ?? "—"],
              ["State / ZIP", [l.state, l.zip].filter(Boolean).join(" ") || "—"],
              ["External id", l.externalId ?? "—"],
              ["Conversion value", formatMoney(l.conversionValueCents)],
              ["Status changed", <DateTime key="status-changed" value={l.statusChangedAt} />],
              ["Message", l.message ?? "—"],
            ]}
          />
        </Card>
        <Card title="Status">
          <LeadStatusForm id={l.id} status={l.status} />
        </Card>
      </div>
      <Card
        title="Consent evidence"
        actions={
          <>
            <a
              className={buttonClass("secondary", "sm")}
              href={`/api/v1/leads/${l.id}/consent-evidence?format=html`}
              target="_blank"
              rel="noopener"
            >
              Printable evidence
            </a>
            <a
              className={buttonClass("secondary", "sm")}
              href={`/api/v1/leads/${l.id}/consent-evidence?format=json&download=1`}
              download
            >
              Download evidence (JSON)
            </a>
          </>
        }
      >
        <TableOrEmpty
          rows={consents}
          empty="No consent recorded"
          emptyText="Every submission path records consent; a lead without it predates that rule."
          caption="Consent records, newest first (one per submission)"
          head={["When", "Channel", "Text version", "Text hash", "IP", "User agent", "Page"]}
        >
          {(c) => (
            <tr key={c.id}>
              <Td className="whitespace-nowrap">
                <DateTime value={c.consentedAt} />
              </Td>
              <Td>{humanize(c.channel)}</Td>
              <Td className="font-mono text-xs">{c.textVersion}</Td>
              <Td className="font-mono text-xs" title={c.textHash}>
                {c.textHash.slice(0, 12)}…
              </Td>
              <Td className="font-mono text-xs">{c.ip ?? "—"}</Td>
              <Td className="max-w-xs text-xs break-words">{c.userAgent ?? "—"}</Td>
              <Td className="max-w-xs text-xs break-all">{c.pageUrl ?? "—"}</Td>
            </tr>
          )}
        </TableOrEmpty>
      </Card>
      <Card title="Referrals">
        <TableOrEmpty
          rows={referrals}
          empty="Not referred"
          emptyText="This lead came in without a partner."
          caption="Referrals for this lead"
          head={["Created", "Partner", "Code", "Status"]}
        >
          {(r) => (
            <tr key={r.id}>
              <Td>
                <Link className="text-brand-700 hover:underline" href={`/admin/referrals/${r.id}`}>
                  <DateTime value={r.createdAt} mode="date" />
                </Link>
              </Td>
              <Td>
                <Link className="hover:underline" href={`/admin/partners/${r.partnerId}`}>
                  {r.partnerName}
                </Link>
              </Td>
              <Td className="font-mono text-xs">{r.referralCode}</Td>
              <Td>
                <StatusWithNote status={r.status} note={r.rejectionReason && humanize(r.rejectionReason)} />
              </Td>
            </tr>
          )}
        </TableOrEmpty>
      </Card>
      <Card title="Timeline">
        <AuditTimeline events={timeline} />
      </Card>
    </>
  );
}
