"use client";
import Link from "next/link";
import { useState } from "react";
import { createBatchAction } from "@/app/(admin)/admin/payouts/actions";
import { centsFromText, centsToText } from "@/lib/form-values";
import { isPayablePartnerStatus, isPayoutDue, payoutMinimumCents } from "@/lib/payouts/eligibility";
import type { PayableRow } from "@/lib/payouts/queries";
import { buttonClass } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { Table, Td } from "@/components/ui/table";
import { fieldError, useAction } from "@/components/ui/use-action";
import { formatCount, formatMoney, humanize } from "@/components/ui";

/** A row of the batch preview (`payableByPartner`). */
type Payable = PayableRow;
type CurrencyTotal = { currency: string; count: number; amountCents: number };

/** Per payout currency, in code order: amounts in different currencies are never added together. */
function totalsByCurrency(rows: readonly { currency: string; amountCents: number }[]): CurrencyTotal[] {
  const m = new Map<string, CurrencyTotal>();
  for (const r of rows) {
    const t = m.get(r.currency) ?? { currency: r.currency, count: 0, amountCents: 0 };
    t.count += 1;
    t.amountCents += r.amountCents;
    m.set(r.currency, t);
  }
  return [...m.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
const formatTotals = (totals: readonly CurrencyTotal[]) =>
  totals.map((t) => formatMoney(t.amountCents, t.currency)).join(" + ");

/** Choose partners with approved rewards and a minimum; one PENDING payout per partner, then the CSV for the bank. */
export function BatchForm({ payable, programMinimumCents }: { payable: Payable[]; programMinimumCents: number }) {
  /** Blank: each partner's own minimum, else the program's (the server applies the same rule). */
  const [minimum, setMinimum] = useState("");
  const batchCents = minimum.trim() === "" ? null : centsFromText(minimum);
  const minimumOf = (p: Payable) =>
    payoutMinimumCents({ batch: batchCents, partner: p.partnerMinimumCents, program: programMinimumCents });
  const eligible = Number.isNaN(batchCents)
    ? []
    : payable.filter(
        (p) =>
          !p.taxHold &&
          !p.blockedReason &&
          isPayoutDue({ partnerStatus: p.partnerStatus, amountCents: p.amountCents, minimumCents: minimumOf(p) }),
      );
  /** Every eligible partner is paid unless the admin unticks it. */
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<{ batchId: string; count: number; totals: CurrencyTotal[] } | null>(null);
  const { run, pending, outcome } = useAction(createBatchAction, {
    success: (d) => `Batch created: ${formatCount(d.count)} payouts.`,
  });
  const picked = eligible.filter((p) => !excluded.has(p.partnerId));
  const totals = totalsByCurrency(picked);
  const err = fieldError(outcome, "minimumCents") ?? fieldError(outcome, "minimum");

  return (
    <form
      noValidate
      aria-label="Create a payout batch"
      className="flex flex-col gap-4"
      onSubmit={async (e) => {
        e.preventDefault();
        const res = await run({ partnerIds: picked.map((p) => p.partnerId), minimum });
        if (res?.ok) setBatch(res.data);
      }}
    >
      <Field
        label="Minimum amount per partner"
        id="b-min"
        hint={`Partners whose approved total is below it are left for a later batch. Blank: each partner's own minimum, else the program's (${centsToText(programMinimumCents)}).`}
        error={err}
        className="max-w-xs"
      >
        {(p) => (
          <input
            {...p}
            value={minimum}
            onChange={(e) => setMinimum(e.target.value)}
            inputMode="decimal"
            placeholder="Partner's own, else program's"
          />
        )}
      </Field>
      {payable.length === 0 ? (
        <p className="text-sm text-slate-600">No approved rewards are waiting for payment.</p>
      ) : (
        <Table
          caption="Partners with approved, unpaid rewards"
          head={["Pay", "Partner", "Method", "Rewards", "Amount (payout currency)"]}
        >
          {payable.map((p) => {
            const ok = eligible.includes(p);
            return (
              <tr key={p.partnerId} className={ok ? undefined : "text-slate-500"}>
                <Td>
                  <input
                    type="checkbox"
                    aria-label={`Pay ${p.partnerName}`}
                    disabled={!ok}
                    checked={ok && !excluded.has(p.partnerId)}
                    onChange={() =>
                      setExcluded((s) => {
                        const n = new Set(s);
                        if (n.has(p.partnerId)) n.delete(p.partnerId);
                        else n.add(p.partnerId);
                        return n;
                      })
                    }
                  />
                </Td>
                <Td>
                  {p.partnerName}
                  {p.partnerStatus !== "ACTIVE" ? (
                    <span className="ml-1 text-xs">({humanize(p.partnerStatus)})</span>
                  ) : null}
                  {!ok ? (
                    <span className={`block text-xs${p.blockedReason ? " text-rose-700" : ""}`}>
                      {!isPayablePartnerStatus(p.partnerStatus)
                        ? "not paid while " + humanize(p.partnerStatus).toLowerCase()
                        : (p.blockedReason ??
                          p.taxHold ??
                          `below the minimum (${formatMoney(minimumOf(p), p.currency)})`)}
                    </span>
                  ) : null}
                </Td>
                <Td>{humanize(p.payoutMethod)}</Td>
                <Td align="right">{formatCount(p.rewardCount)}</Td>
                <Td align="right">
                  {p.blockedReason ? "—" : formatMoney(p.amountCents, p.currency)}
                  {p.originals.length ? (
                    <span className="block text-xs text-slate-600">
                      converted from {p.originals.map((o) => formatMoney(o.amountCents, o.currency)).join(" + ")}
                    </span>
                  ) : null}
                </Td>
              </tr>
            );
          })}
        </Table>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass("primary")} disabled={pending || picked.length === 0}>
          {pending
            ? "Creating…"
            : `Create batch: ${formatCount(picked.length)} partners${totals.length ? `, ${formatTotals(totals)}` : ""}`}
        </button>
        <Notice outcome={outcome} />
      </div>
      {batch ? (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <span>
            Batch of {formatCount(batch.count)} payouts ({formatTotals(batch.totals)}) is pending.
          </span>
          <a className={buttonClass("secondary")} href={`/admin/payouts/export?batchId=${batch.batchId}`} download>
            Download CSV for the bank
          </a>
          <Link className="font-medium text-brand-700 hover:underline" href={`/admin/payouts?batchId=${batch.batchId}`}>
            Record payments for this batch
          </Link>
        </div>
      ) : null}
    </form>
  );
}
