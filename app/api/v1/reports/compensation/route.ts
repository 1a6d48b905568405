import { apiRoute } from "@/lib/api/handler";
import { csvResponse } from "@/lib/csv";
import { compensationCsv, compensationQuerySchema, compensationReport } from "@/lib/reports/compensation";

/**
 * GET /api/v1/reports/compensation?from&to&format=json|csv: every reward and clawback created in the period
 * with the partner (name, NPN, licence status in the lead's state at the event), the lead (id, line, state),
 * the rule applied, base, amount, status and the payout with its paid date. Admins only
 * (docs/compliance.md#compensation-export).
 */
export const GET = apiRoute(
  {
    auth: "admin",
    doc: { summary: "Compensation export for regulators and carriers (JSON or CSV)", successStatus: 200 },
    query: compensationQuerySchema,
  },
  async ({ db, query }) => {
    const rows = await compensationReport(db, query);
    const name = `compensation-${query.from.toISOString().slice(0, 10)}-${new Date(query.to.getTime() - 1).toISOString().slice(0, 10)}`;
    if (query.format === "csv") return csvResponse(compensationCsv(rows), `${name}.csv`);
    const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" });
    if (query.download === "1") headers.set("content-disposition", `attachment; filename="${name}.json"`);
    return new Response(JSON.stringify({ from: query.from, to: query.to, count: rows.length, data: rows }), {
      headers,
    });
  },
);
