import type { Metadata } from "next";
import Link from "next/link";
import { FxImportForm, FxRateForm } from "@/components/admin/payouts/FxRateForms";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PagedList } from "@/components/ui/paged-list";
import type { SearchParams } from "@/components/ui/url";
import { Table, Td } from "@/components/ui/table";
import { DateTime } from "@/components/ui";
import { listFxRates, serializeFxRate } from "@/lib/fx/rates";
import { getSettings } from "@/lib/settings";
import { adminListPage } from "../../context";

export const metadata: Metadata = { title: "Exchange rates" };

export default async function FxRatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { db, raw: sp } = await adminListPage(searchParams, ["page"]);
  const settings = await getSettings(db);
  const page = Math.max(1, Math.min(10_000, Number(sp.page) || 1));
  const rates = await listFxRates(db, { page, pageSize: 50 });
  return (
    <>
      <PageHeader
        title="Exchange rates"
        description={`Payouts in another currency than the rewards convert at the rate of the batch's day (the latest rate up to 4 days before), once per currency. Program currency ${settings.defaultCurrency}.`}
      />
      <p className="text-sm">
        <Link href="/admin/payouts" className="font-medium text-brand-700 hover:underline">
          Back to payouts
        </Link>
      </p>
      <Card title="Enter a rate">
        <FxRateForm today={new Date().toISOString().slice(0, 10)} />
      </Card>
      <Card title="Import ECB reference rates">
        <FxImportForm />
      </Card>
      <Card title="Rates">
        <div className="flex flex-col gap-3">
          <PagedList
            page={rates}
            basePath="/admin/payouts/rates"
            searchParams={sp}
            empty={
              <EmptyState title="No rates yet">
                Enter a rate or import the ECB file; payouts that need a missing rate wait.
              </EmptyState>
            }
          >
            <Table
              caption="Exchange rates, newest day first"
              head={["Day", "Pair", "Rate (quote per 1 base)", "Source", "Entered"]}
            >
              {rates.data.map(serializeFxRate).map((r) => (
                <tr key={r.id}>
                  <Td className="whitespace-nowrap">{r.date}</Td>
                  <Td className="font-mono">
                    {r.base}→{r.quote}
                  </Td>
                  <Td align="right" className="font-mono">
                    {r.rate}
                  </Td>
                  <Td>{r.source}</Td>
                  <Td className="whitespace-nowrap">
                    <DateTime value={r.createdAt} />
                  </Td>
                </tr>
              ))}
            </Table>
          </PagedList>
        </div>
      </Card>
    </>
  );
}
