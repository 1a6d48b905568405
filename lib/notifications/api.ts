import "server-only";
import type { Principal } from "@/lib/api/handler";
import { AppError } from "@/lib/errors";

/** The inbox belongs to a user: sessions and bearer tokens have one, API keys (integrations) do not. */
export function inboxUser(principal: Principal): string {
  if (!principal.userId) throw new AppError("forbidden", "API keys have no inbox: sign in as a user");
  return principal.userId;
}
