import { apiRoute } from "@/lib/api/handler";
import { listAuditEvents } from "@/lib/admin/audit";

/**
 * `GET /api/v1/events` (admin): the audit log, newest first. Filters: `entityType`, `entityId`,
 * `actor` (id or part of the label), `actorType`, `action` (exact, or a prefix ending in "."),
 * `from`, `to` (ISO dates; a bare `to` date includes that day), `page`, `pageSize` (≤ 100).
 * Unknown or malformed parameters → 400 naming them. `total` is capped at 10,000.
 */
export const GET = apiRoute({ auth: "admin" }, async ({ db, query }) => {
  const res = await listAuditEvents(db, query as Record<string, string>);
  return { data: res.data, pagination: res.pagination };
});
