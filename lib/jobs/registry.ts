import "server-only";
import { systemActor } from "@/lib/audit/actor";
import { foldAndVacuum } from "@/lib/analytics/rollup";
import { warnExpiringLicences } from "@/lib/compliance/licences/expiry";
import { anonymiseStaleLeads } from "@/lib/compliance/retention";
import { expireStale } from "@/lib/referrals/service";
import { composeNotifications } from "@/lib/mail/compose";
import { sendDailyDigest } from "@/lib/mail/digest";
import { sendDueMail } from "@/lib/mail/send";
import { deliverDue } from "@/lib/webhooks/deliver";
import { dispatchOutbox } from "@/lib/webhooks/dispatch";
import { draftScheduledBatch } from "@/lib/payouts/schedule";
import { flagPartnerOutliers } from "@/lib/risk/outliers";
import { awardBonuses } from "@/lib/commissions/bonuses";
import { recordTierChanges } from "@/lib/commissions/tier-changes";
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
    name: "tier-changes",
    description:
      "Moves each partner to the tier their trailing metric reaches today, with a partner.tier_changed event and webhook",
    intervalSeconds: 86_400,
    run: async (db, { now }) => ({ ...(await recordTierChanges(db, now)) }),
  },
  {
    name: "award-bonuses",
    description:
      "Awards each plan bonus whose goal a partner reached (this or last calendar month, first conversion) as a BONUS reward, once per partner and period",
    intervalSeconds: 3600,
    run: async (db, { now }) => ({ ...(await awardBonuses(db, now)) }),
  },
  {
    name: "draft-payout-batch",
    description:
      "On the payout day, drafts the day's payout batch for an admin's approval when batches are scheduled (once per day)",
    intervalSeconds: 900,
    run: async (db, { now }) => ({ ...(await draftScheduledBatch(db, systemActor("draft-payout-batch"), { now })) }),
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
    name: "compose-notifications",
    description: "Turns outbox events into e-mails and inbox entries, minding each person's e-mail choices",
    intervalSeconds: 5,
    run: async (db, { now }) => ({ ...(await composeNotifications(db, { now })) }),
  },
  {
    name: "send-mail",
    description: "Sends due e-mails over SMTP_URL, with retries and backoff (without it, keeps them for /admin/mail)",
    intervalSeconds: 5,
    run: async (db, { now }) => ({ ...(await sendDueMail(db, { now })) }),
  },
  {
    name: "mail-digest",
    description: "Writes each admin's daily digest once per UTC day (rewards waiting, holds releasing, failures)",
    intervalSeconds: 3600,
    run: async (db, { now }) => ({ ...(await sendDailyDigest(db, now)) }),
  },
  {
    name: "fold-analytics",
    description: "Folds analytics deltas into the daily rollups",
    intervalSeconds: 30,
    run: async (db) => ({ ...(await foldAndVacuum(db)) }),
  },
  {
    name: "partner-outliers",
    description:
      "Opens a fraud signal on partners whose conversion rate or average value is far above the program's (median and MAD, 90 days)",
    intervalSeconds: 21_600,
    run: async (db, { now }) => ({ ...(await flagPartnerOutliers(db, now)) }),
  },
  {
    name: "purge-expired",
    description:
      "Deletes expired idempotency keys, old throttling rows and job runs, e-mails whose link expired or older than 30 days, and finished webhook traffic older than 30 days",
    intervalSeconds: 3600,
    run: async (db, { now }) => ({ ...(await purgeExpired(db, now)) }),
  },
  {
    name: "warn-expiring-licences",
    description:
      "Warns 30 days before a verified partner licence expires (partner.license_expiring event and webhook, once per expiry date)",
    intervalSeconds: 86_400,
    run: async (db, { now }) => ({ ...(await warnExpiringLicences(db, now)) }),
  },
  {
    name: "anonymise-stale-leads",
    description:
      "Anonymises leads that never converted once they are older than the retention period (off unless the period is set)",
    intervalSeconds: 86_400,
    run: async (db, { now }) => ({ ...(await anonymiseStaleLeads(db, now)) }),
  },
];

export const jobByName = (name: string) => JOBS.find((j) => j.name === name);
