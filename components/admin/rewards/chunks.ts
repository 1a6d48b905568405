/** Splits ids into chunks the bulk endpoint accepts (at most 1,000; smaller chunks show progress sooner). */
export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export type RowResult = { id: string; result: "approved" | "skipped"; reason?: string };

export interface BulkProgress {
  total: number;
  done: number;
  approved: number;
  skipped: number;
  /** Skipped rows with why, kept for the report (capped so a huge run does not flood the page). */
  skippedRows: RowResult[];
  running: boolean;
  error?: string;
}

export const emptyProgress = (total: number): BulkProgress => ({
  total,
  done: 0,
  approved: 0,
  skipped: 0,
  skippedRows: [],
  running: true,
});

export function addResults(p: BulkProgress, results: RowResult[]): BulkProgress {
  const skipped = results.filter((r) => r.result === "skipped");
  return {
    ...p,
    done: p.done + results.length,
    approved: p.approved + (results.length - skipped.length),
    skipped: p.skipped + skipped.length,
    skippedRows: [...p.skippedRows, ...skipped].slice(0, 200),
  };
}
