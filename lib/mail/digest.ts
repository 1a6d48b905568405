import "server-only";
import { and, count, eq, gte, inArray, lt, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { jobs, mailMessages, rewards, users, webhookDeliveries, webhookEndpoints } from "@/db/schema";
import { dueSql } from "@/lib/rewards/core";
import { getSettings } from "@/lib/settings";
import { brandOf, writePlanned } from "./compose";
import type { Planned } from "./events";

const DAY_MS = 86_400_000;
const startOfUtcDay = (d: Date) => new Date(Math.floor(d.getTime() / DAY_MS) * DAY_MS);

export interface DigestFigures {
  awaitingApproval: number;
  releasingTomorrow: number;
  failedDeliveries: number;
  failingJobs: string[];
  disabledEndpoints: number;
}

/** What the admins' digest reports, as of `now`. */
export async function digestFigures(db: Db, now: Date): Promise<DigestFigures> {
  const tomorrow = new Date(startOfUtcDay(now).getTime() + DAY_MS);
  const [[awaiting], [releasing], [failed], failingJobs, [disabled]] = await Promise.all([
    db
      .select({ n: count() })
      .from(rewards)
      .where(and(eq(rewards.status, "CALCULATED"), dueSql(now))),
    db
      .select({ n: count() })
      .from(rewards)
      .where(
        and(
          eq(rewards.status, "CALCULATED"),
          gte(rewards.holdUntil, tomorrow),
          lt(rewards.holdUntil, new Date(tomorrow.getTime() + DAY_MS)),
        ),
      ),
    db
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(
        and(
          inArray(webhookDeliveries.status, ["FAILED", "ABANDONED"]),
          gte(webhookDeliveries.createdAt, new Date(now.getTime() - DAY_MS)),
        ),
      ),
    db.select({ name: jobs.name }).from(jobs).where(eq(jobs.lastOk, false)),
    db.select({ n: count() }).from(webhookEndpoints).where(eq(webhookEndpoints.enabled, false)),
  ]);
  return {
    awaitingApproval: awaiting.n,
    releasingTomorrow: releasing.n,
    failedDeliveries: failed.n,
    failingJobs: failingJobs.map((j) => j.name),
    disabledEndpoints: disabled.n,
  };
}

/**
 * The admins' daily digest: once per UTC day per admin (the first run of the hourly job that day),
 * to every admin who has not turned the digest off.
 */
export async function sendDailyDigest(db: Db, now: Date = new Date()): Promise<{ digests: number }> {
  const day = startOfUtcDay(now);
  const due = await db
    .select({ userId: users.id, email: users.email, name: users.name, role: users.role })
    .from(users)
    .where(
      and(
        eq(users.role, "ADMIN"),
        notExists(
          db
            .select({ one: sql`1` })
            .from(mailMessages)
            .where(
              and(
                eq(mailMessages.userId, users.id),
                eq(mailMessages.kind, "admin.digest"),
                gte(mailMessages.createdAt, day),
              ),
            ),
        ),
      ),
    );
  if (due.length === 0) return { digests: 0 };
  const f = await digestFigures(db, now);
  const date = day.toISOString().slice(0, 10);
  const planned: Planned[] = due.map((to) => ({
    to,
    kind: "admin.digest",
    category: "digest",
    content: {
      subject: `Daily digest, ${date}: ${f.awaitingApproval} reward${f.awaitingApproval === 1 ? "" : "s"} waiting for approval`,
      heading: `The program on ${date}`,
      paragraphs: [
        f.failingJobs.length ? `Failing jobs: ${f.failingJobs.join(", ")}.` : "Every background job ran fine.",
      ],
      facts: [
        ["Rewards waiting for approval", String(f.awaitingApproval)],
        ["Holds releasing tomorrow", String(f.releasingTomorrow)],
        ["Failed webhook deliveries (24 h)", String(f.failedDeliveries)],
        ["Failing jobs", String(f.failingJobs.length)],
        ["Disabled webhook endpoints", String(f.disabledEndpoints)],
      ],
      action: { label: "Open the approval queue", path: "/admin/rewards" },
      inbox: null,
    },
  }));
  const brand = brandOf(await getSettings(db));
  return { digests: await db.transaction((tx) => writePlanned(tx, brand, planned, now)) };
}
