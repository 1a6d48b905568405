"use client";
import Link from "next/link";
import { useMemo, useState } from "react";
import { createBatchAction } from "@/app/(admin)/admin/payouts/actions";
import { centsFromText, centsToText } from "@/lib/form-values";
import { isPayablePartnerStatus } from "@/lib/payouts/eligibility";
import { buttonClass, describedBy, Field, inputClass } from "../fields";
import { formatMoney, formatNumber, humanize } from "../format";
import { Notice } from "../Notice";
import { Table, Td } from "../Table";
import { fieldError, useAction } from "../useAction";

export interface Payable {
  partnerId: string;
  partnerName: string;
  partnerStatus: string;
  payoutMethod: string | null;
  currency: string;
  rewardCount: number;
  amountCents: number;
}

/** Choose partners with approved rewards and a minimum; one PENDING payout per partner, then the CSV for the bank. */
export function BatchForm({ payable, defaultMinimumCents }: { payable: Payable[]; defaultMinimumCents: number }) {
  const [minimum, setMinimum] = useState(centsToText(defaultMinimumCents));
  const minCents = centsFromText(minimum);
  const eligible = useMemo(
    () =>
      payable.filter(
        (p) => isPayablePartnerStatus(p.partnerStatus) && !Number.isNaN(minCents) && p.amountCents >= minCents,
      ),
    [payable, minCents],
  );
  /** Every eligible partner is paid unless the admin unticks it. */
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<{ batchId: string; count: number; amountCents: number } | null>(null);
  const { run, pending, outcome } = useAction(createBatchAction, {
    success: (d) => `Batch created: ${formatNumber(d.count)} payouts.`,
  });
  const picked = eligible.filter((p) => !excluded.has(p.partnerId));
  const total = picked.reduce((s, p) => s + p.amountCents, 0);
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
        htmlFor="b-min"
        hint="Partners whose approved total is below it are left for a later batch."
        error={err}
        className="max-w-xs"
      >
        <input
          id="b-min"
          value={minimum}
          onChange={(e) => setMinimum(e.target.value)}
          inputMode="decimal"
          className={inputClass}
          {...describedBy("b-min", true, err)}
        />
      </Field>
      {payable.length === 0 ? (
        <p className="text-sm text-slate-600">No approved rewards are waiting for payment.</p>
      ) : (
        <Table
          caption="Partners with approved, unpaid rewards"
          head={["Pay", "Partner", "Method", "Rewards", "Amount"]}
        >
          {payable.map((p) => {
            const ok = eligible.includes(p);
            return (
              <tr key={p.partnerId} className={ok ? undefined : "text-slate-400"}>
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
                    <span className="block text-xs">
                      {isPayablePartnerStatus(p.partnerStatus)
                        ? "below the minimum"
                        : "not paid while " + humanize(p.partnerStatus).toLowerCase()}
                    </span>
                  ) : null}
                </Td>
                <Td>{humanize(p.payoutMethod)}</Td>
                <Td numeric>{formatNumber(p.rewardCount)}</Td>
                <Td numeric>{formatMoney(p.amountCents, p.currency)}</Td>
              </tr>
            );
          })}
        </Table>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonClass.primary} disabled={pending || picked.length === 0}>
          {pending
            ? "Creating…"
            : `Create batch: ${formatNumber(picked.length)} partners, ${formatMoney(total, picked[0]?.currency ?? "USD")}`}
        </button>
        <Notice outcome={outcome} />
      </div>
      {batch ? (
        <div className="flex flex-wrap items-center gap-3 rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm">
          <span>
            Batch of {formatNumber(batch.count)} payouts ({formatMoney(batch.amountCents, picked[0]?.currency ?? "USD")}
            ) is pending.
          </span>
          <a className={buttonClass.secondary} href={`/admin/payouts/export?batchId=${batch.batchId}`} download>
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
