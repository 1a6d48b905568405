import { apiRoute, created } from "@/lib/api/handler";
import { pageOf } from "@/lib/api/response-schemas";
import { importEcbRates, listFxRates, serializeFxRate, setFxRate } from "@/lib/fx/rates";
import { fxImportJson, fxRateJson, fxRateListSchema, fxRatesPostSchema } from "@/lib/fx/schemas";
import { z } from "zod";

/** Exchange rates (admins), newest day first; filters `base`, `quote`, `from`, `to` (days), `page`, `pageSize`. */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: { summary: "List exchange rates (newest day first)", response: pageOf(fxRateJson), successStatus: 200 },
    query: fxRateListSchema,
  },
  async ({ db, query }) => {
    const page = await listFxRates(db, query);
    return { data: page.data.map(serializeFxRate), pagination: page.pagination };
  },
);

/**
 * One rate (`{ date, base, quote, rate }`, the rate as decimal text: 1 base = rate quote) → 201; or the ECB's
 * reference-rate CSV (`{ csv }`, or a multipart `file`) → 200 with what was imported. Same day and pair
 * again replaces the rate (audited).
 */
export const POST = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "Enter an exchange rate, or import the ECB's reference-rate CSV",
      description:
        "A rate is exact decimal text (at most 10 decimals; JSON numbers are refused). The CSV is the ECB layout (`Date, USD, JPY, …`, one line per day, units per 1 EUR: eurofxref.csv or eurofxref-hist.csv). docs/payouts.md#currencies.",
      response: z.union([fxRateJson, fxImportJson]),
    },
    body: fxRatesPostSchema,
    upload: { field: "file", as: "csv" },
  },
  async ({ db, actor, body }) => {
    if ("csv" in body) return importEcbRates(db, body.csv, actor);
    return created(serializeFxRate(await setFxRate(db, body, actor)));
  },
);
