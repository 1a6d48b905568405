"use server";
import { getDb } from "@/db";
import { notFound } from "@/lib/errors";
import { requestRun } from "@/lib/jobs/runner";
import { asAdmin } from "@/lib/webhooks/admin-action";

/** Makes a job due now; the scheduler (in-process or `npm run jobs`) runs it on its next tick. */
export async function runJobNowAction(name: string) {
  return asAdmin(async () => {
    if (!(await requestRun(await getDb(), String(name)))) throw notFound("Job");
    return name;
  });
}
