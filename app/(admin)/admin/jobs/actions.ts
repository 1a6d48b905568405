"use server";
import { z } from "zod";
import { adminAction } from "@/lib/actions/safe-action";
import { notFound } from "@/lib/errors";
import { requestRun } from "@/lib/jobs/runner";

/** Makes a job due now; the scheduler (in-process or `npm run jobs`) runs it on its next tick. */
export const runJobNowAction = adminAction(z.object({ name: z.string() }).strict(), async ({ name }, { db }) => {
  if (!(await requestRun(db, name))) throw notFound("Job");
  return name;
});
