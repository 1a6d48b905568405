import "server-only";
import { foldRollupDeltas } from "@/lib/analytics/rollup";
import { deliverDue } from "@/lib/webhooks/deliver";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { purgeExpired } from "./purge";
import type { JobDefinition } from "./runner";

/**
 * Every scheduled job, in the order one pass runs them. Intervals are seconds between the end of
 * one claim and the next run; the admin's jobs page shows each job's last run, result and next run.
 */
export const JOBS: readonly JobDefinition[] = [
  {
    name: "dispatch-webhooks",
    description: "Fans outbox events out to the subscribed webhook endpoints",
    intervalSeconds: 5,
    run: async (db, { now }) => ({ ...(await dispatchOutbox(db, { now })) }),
  },
  {
    name: "deliver-webhooks",
    description: "Sends due webhook deliveries, with retries and backoff",
    intervalSeconds: 5,
    run: async (db, { now }) => ({ ...(await deliverDue(db, { now })) }),
  },
  {
    name: "fold-analytics",
    description: "Folds analytics deltas into the daily rollups",
    intervalSeconds: 30,
    run: async (db) => ({ ...(await foldRollupDeltas(db)) }),
  },
  {
    name: "purge-expired",
    description: "Deletes expired idempotency keys and old throttling rows",
    intervalSeconds: 3600,
    run: async (db, { now }) => ({ ...(await purgeExpired(db, now)) }),
  },
  // Engine jobs: "expire-referrals" and "release-rewards" are registered here once lib/referrals and lib/rewards land.
];

export const jobByName = (name: string) => JOBS.find((j) => j.name === name);
