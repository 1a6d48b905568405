import "server-only";
import type { Actor } from "@/lib/audit/actor";
import { actorFromUser } from "@/lib/auth/actor";
import { requireAdmin } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { ActionResult } from "./action-result";

/**
 * Body of every webhooks/jobs admin server action: checks the admin role first, turns domain errors
 * into a message with field errors; anything else is logged and answered with a generic message.
 */
export async function asAdmin<T>(fn: (actor: Actor) => Promise<T>): Promise<ActionResult<T>> {
  const user = await requireAdmin();
  try {
    return { ok: true, data: await fn(actorFromUser(user)) };
  } catch (e) {
    if (e instanceof AppError)
      return { ok: false, error: e.message, fieldErrors: Object.fromEntries(e.errors.map((x) => [x.path, x.message])) };
    console.error("[admin action]", e);
    return { ok: false, error: "Something went wrong; nothing was changed." };
  }
}
