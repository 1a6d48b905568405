"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { fieldError, useAction } from "@/components/ui/use-action";
import type { ActionResult } from "@/lib/actions/safe-action";
import { currencyOptions, PAYOUT_CURRENCIES } from "@/lib/fx/currencies";

/**
 * The currency a partner is paid in; blank = the currency it earns in. Rewards in another currency are
 * converted when a batch is created (docs/payouts.md#currencies).
 */
export function PayoutCurrencyForm<E extends Record<string, string>>({
  action,
  earningCurrency,
  current,
  who,
  extra,
}: {
  action: (prev: null, input: { payoutCurrency: string } & E) => Promise<ActionResult<{ payoutCurrency: string }>>;
  /** Sent along: the partner's id for the console's action (the portal's acts on the signed-in partner). */
  extra: E;
  earningCurrency: string;
  /** The stored choice; null = the earning currency. */
  current: string | null;
  who: "partner" | "admin";
}) {
  const [value, setValue] = useState(current ?? "");
  const { run, pending, outcome } = useAction(action, {
    success: (d) => `Payouts will be made in ${d.payoutCurrency}.`,
  });
  const codes = PAYOUT_CURRENCIES.includes(earningCurrency as (typeof PAYOUT_CURRENCIES)[number])
    ? PAYOUT_CURRENCIES
    : [...PAYOUT_CURRENCIES, earningCurrency].sort();
  return (
    <form
      noValidate
      aria-label="Payout currency"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ ...extra, payoutCurrency: value });
      }}
    >
      <Select
        label="Payout currency"
        name="payoutCurrency"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder={`Same as ${who === "partner" ? "your" : "the"} earnings (${earningCurrency})`}
        options={currencyOptions(codes)}
        hint={`Rewards are earned in ${earningCurrency}; another currency is converted at the rate of the day the payout is made.`}
        error={fieldError(outcome, "payoutCurrency")}
        className="max-w-xs"
      />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save currency"}
      </Button>
      <Notice outcome={outcome} />
    </form>
  );
}
