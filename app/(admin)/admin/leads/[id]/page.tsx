import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { formatDate, formatDateTime, formatMoney, humanize } from "@/components/admin/format";
import { LeadStatusForm } from "@/components/admin/leads/LeadStatusForm";
import { DetailList, EmptyState, PageHeader, Section } from "@/components/admin/PageHeader";
import { StatusBadge } from "@/components/admin/StatusBadge";
import { Table, Td } from "@/components/admin/Table";
import { Timeline } from "@/components/admin/Timeline";
import { getDb } from "@/db";
import { getLeadForAdmin } from "@/lib/admin/leads";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Lead" };

export default async function LeadPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  const data = await getLeadForAdmin(await getDb(), id);
  if (!data) notFound();
  const { lead: l, consents, referrals, timeline } = data;
  return (
    <>
      <PageHeader
        title={`${l.firstName} ${l.lastName}`}
        description={
          <span className="inline-flex items-center gap-2">
            <StatusBadge status={l.status} /> {humanize(l.insuranceType)} insurance · received{" "}
            {formatDateTime(l.createdAt)}
          </span>
        }
      />
      <div className="grid gap-6 xl:grid-cols-2">
        <Section title="Details">
          <DetailList
            items={[
              ["E-mail", l.email ?? "—"],
              ["Phone", l.phone ?? "—"],
              ["State / ZIP", [l.state, l.zip].filter(Boolean).join(" ") || "—"],
              ["External id", l.externalId ?? "—"],
              ["Conversion value", formatMoney(l.conversionValueCents)],
              ["Status changed", formatDateTime(l.statusChangedAt)],
              ["Message", l.message ?? "—"],
            ]}
          />
        </Section>
        <Section title="Status">
          <LeadStatusForm id={l.id} status={l.status} />
        </Section>
      </div>
      <Section title="Consent evidence">
        {consents.length === 0 ? (
          <EmptyState title="No consent recorded">
            Every submission path records consent; a lead without it predates that rule.
          </EmptyState>
        ) : (
          <Table
            caption="Consent records, newest first (one per submission)"
            head={["When", "Channel", "Text version", "Text hash", "IP", "User agent", "Page"]}
          >
            {consents.map((c) => (
              <tr key={c.id}>
                <Td className="whitespace-nowrap">{formatDateTime(c.consentedAt)}</Td>
                <Td>{humanize(c.channel)}</Td>
                <Td className="font-mono text-xs">{c.textVersion}</Td>
                <Td className="font-mono text-xs" title={c.textHash}>
                  {c.textHash.slice(0, 12)}…
                </Td>
                <Td className="font-mono text-xs">{c.ip ?? "—"}</Td>
                <Td className="max-w-xs text-xs break-words">{c.userAgent ?? "—"}</Td>
                <Td className="max-w-xs text-xs break-all">{c.pageUrl ?? "—"}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section title="Referrals">
        {referrals.length === 0 ? (
          <EmptyState title="Not referred">This lead came in without a partner.</EmptyState>
        ) : (
          <Table caption="Referrals for this lead" head={["Created", "Partner", "Code", "Status"]}>
            {referrals.map((r) => (
              <tr key={r.id}>
                <Td>
                  <Link className="text-brand-700 hover:underline" href={`/admin/referrals/${r.id}`}>
                    {formatDate(r.createdAt)}
                  </Link>
                </Td>
                <Td>
                  <Link className="hover:underline" href={`/admin/partners/${r.partnerId}`}>
                    {r.partnerName}
                  </Link>
                </Td>
                <Td className="font-mono text-xs">{r.referralCode}</Td>
                <Td>
                  <StatusBadge status={r.status} />
                  {r.rejectionReason ? (
                    <span className="block text-xs text-slate-500">{humanize(r.rejectionReason)}</span>
                  ) : null}
                </Td>
              </tr>
            ))}
          </Table>
        )}
      </Section>
      <Section title="Timeline">
        <Timeline events={timeline} />
      </Section>
    </>
  );
}
