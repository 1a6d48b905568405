import type { DbOrTx } from "@/db";
import { isoDay } from "@/lib/analytics/period";
import type { FieldError } from "@/lib/errors";
import {
  listPayouts,
  PAYOUT_FILTER_KEYS,
  payoutListSchema,
  type PayoutListParams,
  type PayoutRow,
} from "@/lib/payouts/queries";
import {
  listFirstPageOnBadCursor,
  parseListSafe,
  toPlainInput,
  type ListResult,
  type RawListInput,
  type Scope,
} from "@/lib/query/list";

export const PAYOUT_HISTORY_PATH = "/portal/payouts";

/**
 * The parameters a payout CSV export takes from a URL: the list filters and `sort`, nothing else (paging
 * is dropped so the file holds every matching row; unrelated parameters such as UTM tags are ignored).
 */
export function payoutExportParams(raw: RawListInput): URLSearchParams {
  const plain = toPlainInput(raw);
  const out = new URLSearchParams();
  for (const key of [...PAYOUT_FILTER_KEYS, "sort"]) if (typeof plain[key] === "string") out.set(key, plain[key]);
  return out;
}

export interface PayoutHistory {
  params: PayoutListParams;
  /** Parameters that were ignored, as every portal list reports them. */
  errors: FieldError[];
  result: ListResult<PayoutRow>;
  /** Any filter narrows the list (an empty result then means "nothing matches", not "no payouts yet"). */
  filtered: boolean;
  /** Values for the filter form; `to` is shown as the last day included. */
  form: { status: string; dateField: string; from: string; to: string };
  /** Set when `to` ends before `from` starts: the range cannot match anything. */
  rangeError: string | null;
  /** The CSV of exactly the filtered rows (every page), in the list's order. */
  exportHref: string;
}

/**
 * The signed-in partner's payout history page: URL parameters parsed the way every portal list parses
 * them (bad ones ignored and reported), the page of rows, and the export link carrying the same filters.
 */
export async function payoutHistory(db: DbOrTx, scope: Required<Scope>, sp: RawListInput): Promise<PayoutHistory> {
  const parsed = parseListSafe(payoutListSchema, sp);
  const listed = await listFirstPageOnBadCursor(parsed.params, (p) => listPayouts(db, scope, p));
  const { params, result } = listed;
  const errors = [...parsed.errors, ...listed.errors];
  const { status, from, to } = params;
  const filtered = PAYOUT_FILTER_KEYS.some((k) => k !== "dateField" && params[k] !== undefined);
  const exportQuery = parsed.errors.length === 0 ? payoutExportParams(sp).toString() : "";
  return {
    params,
    errors,
    result,
    filtered,
    form: {
      status: status?.length === 1 ? status[0] : "",
      dateField: params.dateField,
      from: from ? isoDay(from) : "",
      // `to` is exclusive: the form shows the last day it includes.
      to: to ? isoDay(new Date(to.getTime() - 1)) : "",
    },
    rangeError: from && to && to.getTime() <= from.getTime() ? "must not be before From" : null,
    exportHref: `${PAYOUT_HISTORY_PATH}/export.csv${exportQuery ? `?${exportQuery}` : ""}`,
  };
}
