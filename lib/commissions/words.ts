import { formatMoney } from "@/components/ui/format";
import type { InsuranceType } from "@/db/schema/enums";

/** Words for explanations: fixed en-US so a stored explanation never depends on who computed it. */
export const INSURANCE_TYPE_LABEL: Record<InsuranceType, string> = {
  AUTO: "Auto",
  HOME: "Home",
  LIFE: "Life",
  HEALTH: "Health",
  COMMERCIAL: "Commercial",
  OTHER: "Other",
};

export const money = (cents: number, currency: string): string => formatMoney(cents, currency, "en-US");

/** 1500 → "15 %", 1250 → "12.5 %", 1466.3 → "14.66 %". */
export function describeRate(bps: number): string {
  const pct = Math.round(bps) === bps ? bps / 100 : Math.round(bps) / 100;
  return `${Number(pct.toFixed(2))} %`;
}
