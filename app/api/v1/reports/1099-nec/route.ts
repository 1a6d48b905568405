import { apiRoute } from "@/lib/api/handler";
import { recordEvent } from "@/lib/audit/events";
import { csvResponse } from "@/lib/csv";
import { form1099Report } from "@/lib/tax/report";
import { reportYearQuerySchema } from "@/lib/tax/schemas";

/** The 1099-NEC report of a calendar year as CSV (admins): US partners whose paid total reached the threshold. */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: {
      summary: "1099-NEC report (CSV) for a calendar year",
      description:
        "US partners whose USD total paid in the year, PayPal payouts excluded, reached the 1099-NEC threshold setting (default $2,000). TINs are masked (docs/payouts.md#the-1099-nec-report).",
      successStatus: 200,
    },
    query: reportYearQuerySchema,
  },
  async ({ db, actor, query }) => {
    const report = await form1099Report(db, query.year);
    await recordEvent(db, actor, {
      entityType: "report",
      entityId: `1099-nec-${query.year}`,
      action: "report.1099_nec_generated",
      data: { year: query.year, thresholdCents: report.thresholdCents, rows: report.rows.length },
    });
    return csvResponse(report.csv, `1099-nec-${query.year}.csv`, { private: true });
  },
);
