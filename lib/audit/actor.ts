import type { ActorType } from "@/db/schema";

/** Who did something: a signed-in user, an API key, a job, an anonymous visitor or a webhook sender. */
export interface Actor {
  type: ActorType;
  id: string | null;
  label?: string;
  role?: "ADMIN" | "PARTNER";
  partnerId?: string | null;
  requestId?: string;
}

export const systemActor = (job: string, requestId?: string): Actor => ({
  type: "SYSTEM",
  id: job,
  label: job,
  requestId,
});
export const publicActor = (requestId?: string): Actor => ({ type: "PUBLIC", id: null, label: "visitor", requestId });
