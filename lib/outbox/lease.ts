import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "@/db";
import type { mailMessages, webhookDeliveries } from "@/db/schema";

/** A queue table worked by leases: rows wait PENDING until `nextAttemptAt` (mail messages, webhook deliveries). */
type LeasedTable = (typeof mailMessages | typeof webhookDeliveries) &
  PgTable & { id: AnyPgColumn; status: AnyPgColumn; nextAttemptAt: AnyPgColumn };

/**
 * Claims due PENDING rows in one statement: the lease pushes `next_attempt_at` forward by `leaseMs`, and
 * SKIP LOCKED keeps concurrent claimers apart, so a row is attempted by one worker at a time.
 */
export async function claimDue<T extends LeasedTable>(
  db: Db,
  table: T,
  now: Date,
  limit: number,
  leaseMs: number,
): Promise<T["$inferSelect"][]> {
  const due = db
    .select({ id: table.id })
    .from(table as PgTable)
    .where(and(eq(table.status, "PENDING"), lte(table.nextAttemptAt, now)))
    .orderBy(asc(table.nextAttemptAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  return db
    .update(table as PgTable)
    .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) } as never)
    .where(and(inArray(table.id, due), eq(table.status, "PENDING")))
    .returning() as unknown as Promise<T["$inferSelect"][]>;
}
