import { formatMoney } from "./format";

/** Integer cents shown in the currency's format (Intl.NumberFormat); negative amounts in red. */
export function Money({
  cents,
  currency = "USD",
  className,
}: {
  cents: number | null | undefined;
  currency?: string;
  className?: string;
}) {
  return (
    <span
      className={
        className ?? (cents !== null && cents !== undefined && cents < 0 ? "tabular-nums text-red-700" : "tabular-nums")
      }
    >
      {formatMoney(cents, currency)}
    </span>
  );
}
