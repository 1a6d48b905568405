import type { ReactNode } from "react";
import { DateTime, formatMoney, humanize } from "@/components/ui";
import { StatusBadge } from "@/components/ui/status-badge";
import { Td, TableOrEmpty } from "@/components/ui/table";

interface RewardRow {
  id: string;
  createdAt: Date;
  type: string;
  status: string;
  amountCents: number | null;
  currency: string;
  holdUntil: Date | null;
  cancelReason: string | null;
  approvalOverrideReason: string | null;
  reason: string | null;
}

/**
 * The rewards of one partner or referral on its console page; `extra` is the column that differs between
 * the two (how a reward was calculated, or its rate).
 */
export function RewardsTable<R extends RewardRow>({
  rewards,
  caption,
  empty,
  emptyText,
  extra,
}: {
  rewards: readonly R[];
  caption: string;
  empty: string;
  emptyText?: ReactNode;
  extra: { label: string; cell: (w: R) => ReactNode };
}) {
  return (
    <TableOrEmpty
      rows={rewards}
      empty={empty}
      emptyText={emptyText}
      caption={caption}
      head={["Created", "Type", "Status", "Amount", extra.label, "Hold until", "Note"]}
    >
      {(w) => (
        <tr key={w.id}>
          <Td>
            <DateTime value={w.createdAt} mode="date" />
          </Td>
          <Td>{humanize(w.type)}</Td>
          <Td>
            <StatusBadge status={w.status} />
          </Td>
          <Td align="right">{formatMoney(w.amountCents, w.currency)}</Td>
          {extra.cell(w)}
          <Td>
            <DateTime value={w.holdUntil} mode="date" />
          </Td>
          <Td className="text-xs text-slate-600">{w.cancelReason ?? w.approvalOverrideReason ?? w.reason ?? ""}</Td>
        </tr>
      )}
    </TableOrEmpty>
  );
}
