"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { importEcbRates, setFxRate } from "@/lib/fx/rates";
import { fxRateInputSchema } from "@/lib/fx/schemas";

/** One rate typed in the console: 1 base = rate quote on the day. */
export const saveFxRateAction = adminAction(fxRateInputSchema, async (input, { db, actor }) => {
  const r = await setFxRate(db, input, actor);
  return { date: r.rateDate, base: r.base, quote: r.quote };
});

/** The ECB's reference-rate CSV, read in the browser: at most about 1 MB. */
export const importFxRatesAction = adminAction(
  z.object({ csv: z.string().min(1, "Choose the ECB's CSV file").max(1_000_000, "The file is over 1 MB") }).strict(),
  async ({ csv }, { db, actor }) => {
    const r = await importEcbRates(db, csv, actor);
    return { imported: r.imported, days: r.days.length, skipped: r.skipped.length };
  },
);
