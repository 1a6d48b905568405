import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { LinkButton } from "@/components/ui/button";
import { DateTime } from "@/components/ui/date-time";
import { formatCount } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { getDb } from "@/db";
import { requireAdmin } from "@/lib/auth/session";
import { listPlansWithCurrent } from "@/lib/commissions/read";

export const metadata: Metadata = { title: "Commission plans" };

export default async function PlansPage() {
  await requireAdmin();
  await connection();
  const plans = await listPlansWithCurrent(await getDb());
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Commission plans"
        description="What partners earn: rules by product and state, tiers and bonuses. Partners without a plan are on the default plan."
        actions={
          <LinkButton href="/admin/plans/new" variant="primary">
            New plan
          </LinkButton>
        }
      />
      <Table caption="Commission plans" head={["Plan", "Version in force", "Since", "Rules", "Partners"]}>
        {plans.map(({ plan, current, partnerCount }) => (
          <tr key={plan.id}>
            <Td>
              <Link href={`/admin/plans/${plan.id}`} className="text-brand-700 hover:underline">
                {plan.name}
              </Link>
              {plan.isDefault ? " (default)" : ""}
            </Td>
            <Td>v{current.version}</Td>
            <Td>
              <DateTime value={current.effectiveFrom} mode="date" />
            </Td>
            <Td>{formatCount(current.document.rules.length)}</Td>
            <Td>{formatCount(partnerCount)}</Td>
          </tr>
        ))}
      </Table>
    </div>
  );
}
