import { connection } from "next/server";
import { TaxFormForm } from "@/components/portal/tax-form";
import { Card } from "@/components/ui/card";
import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { formatMoney } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { portalContext } from "@/lib/portal/context";
import { getSettings } from "@/lib/settings";
import { getTaxForm } from "@/lib/tax/forms";
import { yearlyTotals } from "@/lib/tax/totals";
import { saveTaxFormAction } from "./actions";

export const metadata = { title: "Tax form" };

export default async function TaxFormPage() {
  await connection();
  const { partner, db } = await portalContext();
  const year = new Date().getUTCFullYear();
  const [form, settings, [total]] = await Promise.all([
    getTaxForm(db, partner.id),
    getSettings(db),
    yearlyTotals(db, year, [partner.id]),
  ]);
  const a = form?.address;
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Tax form"
        description="US partners file a W-9, everyone else a W-8BEN. Your taxpayer identification number is stored encrypted and shown only by its last four characters."
      />
      <Card title="On file">
        {form ? (
          <DetailList
            items={[
              ["Form", form.kind === "W9" ? "W-9" : "W-8BEN"],
              ["Name", form.legalName],
              ["TIN", `${form.tinType} ${form.tinMasked}`],
              ["Signed", <DateTime key="s" value={form.signedAt} />],
              ["Signed by", form.signatureName],
              ["Address", a ? [a.line1, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(", ") : "—"],
            ]}
          />
        ) : (
          <p role="status" className="text-sm text-amber-900">
            No tax form on file. US partners paid {formatMoney(settings.form1099ThresholdCents, "USD")} or more in a
            calendar year need a W-9 before further payouts.
          </p>
        )}
        <p className="mt-3 text-sm text-slate-600">
          Paid to you in {year} (for 1099-NEC; PayPal payouts excluded):{" "}
          <span className="font-medium">{formatMoney(total?.paidCents ?? 0, "USD")}</span>.
        </p>
      </Card>
      <Card title={form ? "Sign a new form" : "Sign your form"}>
        <TaxFormForm
          action={saveTaxFormAction}
          initial={{
            kind: form?.kind ?? "",
            legalName: form?.legalName ?? `${partner.firstName} ${partner.lastName}`,
            businessName: form?.businessName ?? partner.companyName ?? "",
            taxClassification: form?.taxClassification ?? "",
            tinType: form?.tinType === "EIN" ? "EIN" : "SSN",
            country: form?.kind === "W8BEN" ? form.country : "",
            line1: a?.line1 ?? "",
            line2: a?.line2 ?? "",
            city: a?.city ?? "",
            region: a?.region ?? "",
            postalCode: a?.postalCode ?? "",
            addressCountry: form?.kind === "W8BEN" ? (a?.country ?? "") : "",
            tinMasked: form?.tinMasked ?? null,
          }}
        />
      </Card>
    </div>
  );
}
