import { z } from "zod";
import { AppError } from "@/lib/errors";
import { csvEnum, pageParams } from "@/lib/query/list";
import { WEBHOOK_EVENT_TYPES } from "@/lib/outbox/enqueue";

const eventType = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(WEBHOOK_EVENT_TYPES, { error: `Unknown event type; one of ${WEBHOOK_EVENT_TYPES.join(", ")}` }));

export const createEndpointSchema = z
  .object({
    url: z.string().trim().min(1, "url is required").max(2000, "url is at most 2,000 characters"),
    description: z.string().trim().max(200, "description is at most 200 characters").optional(),
    /** Empty or absent: every event. */
    events: z
      .array(eventType)
      .max(WEBHOOK_EVENT_TYPES.length * 2)
      .optional(),
  })
  .strict();
export type CreateEndpointInput = z.infer<typeof createEndpointSchema>;

export const updateEndpointSchema = z
  .object({
    description: z.string().trim().max(200).nullable().optional(),
    events: z
      .array(eventType)
      .max(WEBHOOK_EVENT_TYPES.length * 2)
      .optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type UpdateEndpointInput = z.infer<typeof updateEndpointSchema>;

export const DELIVERY_STATUSES = ["PENDING", "SUCCEEDED", "FAILED", "ABANDONED"] as const;

export const listDeliveriesSchema = z
  .object({
    endpointId: z.uuid("endpointId must be a UUID").optional(),
    status: csvEnum(DELIVERY_STATUSES).optional(),
    eventType: z.string().trim().toLowerCase().optional(),
    page: pageParams.page,
    pageSize: pageParams.pageSize,
  })
  .strict();
export type ListDeliveriesInput = z.input<typeof listDeliveriesSchema>;

/** Parses with a schema; failures become a `validation` AppError naming every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "Invalid input"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new AppError("validation", what, {
    errors: parsed.error.issues.map((i) => ({ path: i.path.join(".") || "body", message: i.message })),
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id that cannot exist answers 404 like any unknown id (never a database error). */
export function assertId(id: string, what: string): string {
  if (typeof id !== "string" || !UUID.test(id)) throw new AppError("not_found", `${what} not found`);
  return id;
}
