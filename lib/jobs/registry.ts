import "server-only";
import { systemActor } from "@/lib/audit/actor";
import { foldAndVacuum } from "@/lib/analytics/rollup";
import { expireStale } from "@/lib/referrals/service";
import { deliverDue } from "@/lib/webhooks/deliver";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { purgeExpired } from "./purge";
import { releaseHeldRewards } from "./release";
import type { JobDefinition } from "./runner";

/**
 * Every scheduled job, in the order one pass runs them. Intervals are seconds between the end of
 * one claim and the next run; the admin's jobs page shows each job's last run, result and next run.
 */
export const JOBS: readonly JobDefinition[] = [
  {
    name: "expire-referrals",
    description: "Moves PENDING and ACCEPTED referrals past their expiry to EXPIRED",
    intervalSeconds: 300,
    run: async (db, { now }) => ({ expired: await expireStale(db, now, systemActor("expire-referrals")) }),
  },
  {
    name: "release-rewards",
    description:
      "Approves CALCULATED rewards past their hold when the program auto-approves; counts those awaiting approval",
    intervalSeconds: 300,
    run: async (db, { now }) => ({ ...(await releaseHeldRewards(db, now)) }),
  },
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
    run: async (db) => ({ ...(await foldAndVacuum(db)) }),
  },
  {
    name: "purge-expired",
    description:
      "Deletes expired idempotency keys, old throttling rows and job runs, e-mails whose link expired, and finished webhook traffic older than 30 days",
    intervalSeconds: 3600,
    run: async (db, { now }) => ({ ...(await purgeExpired(db, now)) }),
  },
];

export const jobByName = (name: string) => JOBS.find((j) => j.name === name);
