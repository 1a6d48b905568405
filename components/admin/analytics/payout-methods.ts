import type { PayoutMethodKey } from "@/lib/analytics/payouts";
import { PAYMENT_METHODS } from "@/db/schema/enums";
import { PALETTE } from "@/components/charts/format";
import { enumLabel } from "@/lib/enum-label";

/**
 * One colour per payout method, fixed by the method (not by its position in a period's data), so a
 * method keeps its colour across date ranges. Payouts without a recorded method are grey.
 */
export const PAYOUT_METHOD_COLOR: Record<PayoutMethodKey, string> = {
  ...(Object.fromEntries(PAYMENT_METHODS.map((m, i) => [m, PALETTE[i % (PALETTE.length - 1)]])) as Record<
    (typeof PAYMENT_METHODS)[number],
    string
  >),
  NONE: PALETTE[PALETTE.length - 1],
};

/** "None" is not a payment method: a payout without one reads "Method not recorded". */
export const payoutMethodLabel = (m: PayoutMethodKey) => (m === "NONE" ? "Method not recorded" : enumLabel(m));
