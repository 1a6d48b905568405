import { z } from "zod";
import { parseRate, RATE_DECIMALS } from "./math";

export const currencyCodeInput = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toUpperCase() : v),
  z.string().regex(/^[A-Z]{3}$/, "A three-letter ISO currency code such as EUR"),
);

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "A date such as 2026-12-03")
  .refine(
    (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d),
    {
      message: "Not a calendar date",
    },
  );

/** A rate as decimal text (a JSON number is refused: it may already have lost digits as a float). */
const rateText = z
  .string({ error: () => `The rate as decimal text such as "1.0523" (at most ${RATE_DECIMALS} decimals)` })
  .trim()
  .refine((v) => parseRate(v) !== null, `A positive decimal such as 1.0523, at most ${RATE_DECIMALS} decimals`);

/** One rate: 1 `base` = `rate` `quote` on `date`. */
export const fxRateInputSchema = z
  .strictObject({ date: isoDate, base: currencyCodeInput, quote: currencyCodeInput, rate: rateText })
  .refine((v) => v.base !== v.quote, { message: "Base and quote must differ", path: ["quote"] });
export type FxRateInput = z.infer<typeof fxRateInputSchema>;

/** `POST /api/v1/fx-rates`: one rate, or the ECB's reference-rate CSV as text (or a multipart `file`). */
export const fxRatesPostSchema = z.union([
  fxRateInputSchema,
  z.strictObject({ csv: z.string().min(1, "The CSV is empty").max(2_000_000) }),
]);

export const fxRateListSchema = z.strictObject({
  base: currencyCodeInput.optional(),
  quote: currencyCodeInput.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type FxRateListInput = z.input<typeof fxRateListSchema>;

export const fxRateJson = z.object({
  id: z.uuid(),
  date: z.string(),
  base: z.string(),
  quote: z.string(),
  rate: z.string().describe("Exact decimal text: 1 base = rate quote"),
  source: z.string(),
  createdAt: z.string(),
});

export const fxImportJson = z.object({
  imported: z.number().int(),
  days: z.array(z.string()),
  currencies: z.array(z.string()),
  skipped: z.array(z.object({ line: z.number().int(), column: z.string(), reason: z.string() })),
});
