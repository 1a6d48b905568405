import type { Actor } from "@/lib/audit/actor";
import type { SessionUser } from "./users";

/** The audit actor for a signed-in user (session, bearer token). */
export function actorFromUser(user: SessionUser, requestId?: string): Actor {
  return { type: "USER", id: user.id, label: user.email, role: user.role, partnerId: user.partnerId, requestId };
}

/** The audit actor for an integration key. */
export function actorFromApiKey(
  key: { id: string; name: string; role: "ADMIN" | "PARTNER"; partnerId: string | null },
  requestId?: string,
): Actor {
  return {
    type: "API_KEY",
    id: key.id,
    label: `api key ${key.name}`,
    role: key.role,
    partnerId: key.partnerId,
    requestId,
  };
}
