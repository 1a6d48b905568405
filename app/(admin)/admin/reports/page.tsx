import type { Metadata } from "next";
import { connection } from "next/server";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { requireAdmin } from "@/lib/auth/session";

export const metadata: Metadata = { title: "Reports" };

const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The compensation export as a download: the same filters as GET /api/v1/reports/compensation. */
export default async function ReportsPage() {
  await requireAdmin();
  await connection();
  const now = new Date();
  const firstOfYear = new Date(Date.UTC(now.getUTCFullYear(), 0, 1));
  return (
    <>
      <PageHeader
        title="Reports"
        description="Exports for regulators and carriers: who was paid what, for which lead, under which rule."
      />
      <Card title="Compensation export">
        <p className="mb-3 text-sm text-slate-600">
          Every reward and clawback created in the period (dates in UTC, both included), with the partner (name, NPN,
          licence status in the lead&apos;s state), the lead (id, line, state), the rule applied, base, amount, status,
          and the payout with its paid date. The rows of each payout add up to the payout.
        </p>
        <form
          method="get"
          action="/api/v1/reports/compensation"
          aria-label="Compensation export"
          className="flex flex-wrap items-end gap-3"
        >
          <input type="hidden" name="download" value="1" />
          <Input label="From" name="from" type="date" required defaultValue={iso(firstOfYear)} />
          <Input label="To" name="to" type="date" required defaultValue={iso(now)} />
          <Select
            label="Format"
            name="format"
            defaultValue="csv"
            options={[
              { value: "csv", label: "CSV" },
              { value: "json", label: "JSON" },
            ]}
          />
          <button type="submit" className={buttonClass("primary")}>
            Download
          </button>
        </form>
      </Card>
    </>
  );
}
