import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { PlanEditor } from "@/components/admin/plans/PlanEditor";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { formatBps } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { getPlanDetail } from "@/lib/commissions/read";
import { isUuid } from "@/lib/validation";

export const metadata: Metadata = { title: "Commission plan" };

export default async function PlanPage({ params }: { params: Promise<{ id: string }> }) {
  await requireAdmin();
  await connection();
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const detail = await getPlanDetail(await getDb(), id).catch(() => null);
  if (!detail) notFound();
  const latest = detail.versions[0];
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title={detail.plan.name}
        description={`${detail.plan.isDefault ? "The default plan. " : ""}Version ${detail.current.version} is in force; saving writes version ${latest.version + 1}, and rewards already computed keep theirs.`}
      />
      <PlanEditor key={latest.id} planId={id} document={latest.document} />
      <Card title="Partners on this plan">
        {detail.partners.length === 0 ? (
          <EmptyState title="No partners on this plan yet">Assign partners on their partner page.</EmptyState>
        ) : (
          <Table caption="Partners on this plan" head={["Partner", "Company", "Own rate"]}>
            {detail.partners.map((p) => (
              <tr key={p.id}>
                <Td>
                  <Link href={`/admin/partners/${p.id}`} className="text-brand-700 hover:underline">
                    {p.firstName} {p.lastName}
                  </Link>
                </Td>
                <Td>{p.companyName ?? "—"}</Td>
                <Td>{p.commissionRateBps === null ? "Plan rates" : formatBps(p.commissionRateBps)}</Td>
              </tr>
            ))}
          </Table>
        )}
      </Card>
      <Card title="Version history">
        <Table caption="Version history" head={["Version", "In force from", "Saved", "By", "Rules"]}>
          {detail.versions.map((v) => (
            <tr key={v.id}>
              <Td>v{v.version}</Td>
              <Td>
                <DateTime value={v.effectiveFrom} />
              </Td>
              <Td>
                <DateTime value={v.createdAt} />
              </Td>
              <Td>{v.createdBy ?? "—"}</Td>
              <Td>{v.document.rules.length}</Td>
            </tr>
          ))}
        </Table>
      </Card>
    </div>
  );
}
