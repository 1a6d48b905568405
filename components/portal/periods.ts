/** The period choices of the portal's list filters, and the date each one starts from. */
export const PERIODS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
] as const;

/** `?period=30` → the `from` date (UTC day) of the list filter; unknown values mean all time. */
export function periodFrom(period: string | undefined, now = new Date()): string | undefined {
  const days = PERIODS.find((p) => p.value === period)?.value;
  if (!days) return undefined;
  return new Date(now.getTime() - (Number(days) - 1) * 86_400_000).toISOString().slice(0, 10);
}
