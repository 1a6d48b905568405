import { z } from "zod";
import { INSURANCE_TYPES, type InsuranceType } from "@/db/schema/enums";

/**
 * The policy-window table (`settings.policyWindows`, docs/compliance.md#policy-windows): per line of
 * business, and optionally per state, the free-look (cancellation) window in days and the chargeback
 * window in months. A row without a state is the line's default; a state's row wins over it. A line
 * without any row has neither window. The shipped rows are EXAMPLES for the program's compliance staff
 * to review, not legal advice.
 */
export const policyWindowSchema = z
  .object({
    line: z.enum(INSURANCE_TYPES, { error: "Line must be one of " + INSURANCE_TYPES.join(", ") }),
    state: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "State must be a two-letter code")
      .nullable(),
    freeLookDays: z.number().int("Free-look days must be whole").min(0).max(366, "Free-look is at most 366 days"),
    chargebackMonths: z
      .number()
      .int("Chargeback months must be whole")
      .min(0)
      .max(120, "Chargeback is at most 120 months"),
  })
  .strict();

export const policyWindowsSchema = z
  .array(policyWindowSchema)
  .max(500, "At most 500 rows")
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((r, i) => {
      const key = `${r.line}/${r.state ?? "*"}`;
      if (seen.has(key))
        ctx.addIssue({
          code: "custom",
          path: [i, "state"],
          message: `Two rows for ${r.line} in ${r.state ?? "every state"}`,
        });
      seen.add(key);
    });
  });

export type PolicyWindow = z.infer<typeof policyWindowSchema>;

/** What db/schema/settings.ts ships (EXAMPLE values, see docs/compliance.md#policy-windows). */
export const EXAMPLE_POLICY_WINDOWS: PolicyWindow[] = [
  { line: "LIFE", state: null, freeLookDays: 10, chargebackMonths: 12 },
  { line: "LIFE", state: "CA", freeLookDays: 30, chargebackMonths: 12 },
  { line: "LIFE", state: "FL", freeLookDays: 14, chargebackMonths: 12 },
  { line: "LIFE", state: "NY", freeLookDays: 10, chargebackMonths: 12 },
  { line: "HEALTH", state: null, freeLookDays: 10, chargebackMonths: 12 },
  { line: "HEALTH", state: "CA", freeLookDays: 30, chargebackMonths: 12 },
  { line: "AUTO", state: null, freeLookDays: 0, chargebackMonths: 6 },
  { line: "HOME", state: null, freeLookDays: 0, chargebackMonths: 12 },
];

export interface WindowFor {
  line: InsuranceType | null;
  /** The state of the row that applied (null: the line's default row, or none). */
  state: string | null;
  freeLookDays: number;
  chargebackMonths: number;
}

/** The windows for a lead's line and state: the state's row, else the line's default, else none. */
export function policyWindowFor(
  table: readonly PolicyWindow[],
  line: InsuranceType | null,
  state: string | null,
): WindowFor {
  const st = state?.trim().toUpperCase() || null;
  const row =
    (st ? table.find((r) => r.line === line && r.state === st) : undefined) ??
    table.find((r) => r.line === line && r.state === null);
  return {
    line,
    state: row?.state ?? null,
    freeLookDays: row?.freeLookDays ?? 0,
    chargebackMonths: row?.chargebackMonths ?? 0,
  };
}

/** A stored table read defensively: rows that no longer parse are dropped rather than failing a conversion. */
export function policyWindows(stored: unknown): PolicyWindow[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((r) => {
    const p = policyWindowSchema.safeParse(r);
    return p.success ? [p.data] : [];
  });
}
