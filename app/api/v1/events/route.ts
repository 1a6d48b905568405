import { apiRoute } from "@/lib/api/handler";
import { auditFilterSchema, queryAuditEvents } from "@/lib/audit/queries";

/**
 * `GET /api/v1/events` (admin): the audit log, newest first. Unknown or malformed parameters → 400
 * naming them; `total` is capped at 10,000.
 */
export const GET = apiRoute(
  {
    auth: "admin",
    query: auditFilterSchema,
    doc: {
      summary: "Audit log",
      description:
        "Every create and state change, newest first: who (actor), what (entity, action), the status change and the before/after snapshots. " +
        "Filters: entityType, entityId, actor (id or part of the label), actorType, action (exact, or a prefix ending in '.'), from, to (ISO dates; a bare `to` date includes that day). `total` is capped at 10,000.",
    },
  },
  async ({ db, query }) => {
    const res = await queryAuditEvents(db, query);
    return { data: res.data, pagination: res.pagination };
  },
);
