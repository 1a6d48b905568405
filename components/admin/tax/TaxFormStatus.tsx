import { DateTime } from "@/components/ui/date-time";
import { DetailList } from "@/components/ui/detail-list";
import { formatMoney } from "@/components/ui/format";
import { TAX_CLASSIFICATION_LABEL } from "@/lib/tax/schemas";
import type { TaxFormView } from "@/lib/tax/forms";

/** A partner's tax form status for the console: the form on file with its TIN masked, and the year's total. */
export function TaxFormStatus({
  form,
  year,
  paidCents,
  thresholdCents,
}: {
  form: TaxFormView | null;
  year: number;
  paidCents: number;
  thresholdCents: number;
}) {
  const a = form?.address;
  const total = `${formatMoney(paidCents, "USD")} paid in ${year} (PayPal excluded; 1099-NEC threshold ${formatMoney(thresholdCents, "USD")})`;
  if (!form)
    return (
      <div className="flex flex-col gap-2 text-sm" aria-label="Tax form status">
        <p className="font-medium text-amber-900">No tax form on file.</p>
        <p className="text-slate-700">{total}</p>
      </div>
    );
  return (
    <div className="flex flex-col gap-3" aria-label="Tax form status">
      <DetailList
        items={[
          ["Form", form.kind === "W9" ? "W-9 on file" : "W-8BEN on file"],
          ["Name", form.legalName + (form.businessName ? ` (${form.businessName})` : "")],
          [
            form.kind === "W9" ? "Classification" : "Country",
            form.kind === "W9"
              ? (TAX_CLASSIFICATION_LABEL[form.taxClassification as keyof typeof TAX_CLASSIFICATION_LABEL] ??
                form.taxClassification)
              : form.country,
          ],
          ["TIN", `${form.tinType} ${form.tinMasked}`],
          ["Signed", <DateTime key="s" value={form.signedAt} />],
          ["Address", a ? [a.line1, a.city, a.region, a.postalCode, a.country].filter(Boolean).join(", ") : "—"],
        ]}
      />
      <p className="text-sm text-slate-700">{total}</p>
    </div>
  );
}
