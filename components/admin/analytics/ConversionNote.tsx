import Link from "next/link";
import type { CurrencyConversion } from "@/lib/analytics";

/**
 * What the page's amounts are in: the program currency, which other currencies were converted at their
 * day's rate, and which rates were missing (those amounts are left out: docs/domain-rules.md#figures).
 */
export function ConversionNote({ conversion }: { conversion: CurrencyConversion }) {
  const { currency, label, missingNote } = conversion;
  if (!label && !missingNote) return null;
  return (
    <div className="flex flex-col gap-2 text-sm">
      {label ? (
        <p role="note" data-testid="fx-label" className="text-slate-600">
          Amounts in {currency}. <strong className="font-medium text-slate-800">{label}</strong> (each day&rsquo;s
          amounts at that day&rsquo;s rate, rounded once per figure).
        </p>
      ) : null}
      {missingNote ? (
        <p
          role="note"
          data-testid="fx-missing"
          className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-amber-900"
        >
          Missing exchange rates: {missingNote} Add them under{" "}
          <Link className="font-medium underline" href="/admin/payouts/rates">
            Payouts → Exchange rates
          </Link>
          .
        </p>
      ) : null}
    </div>
  );
}
