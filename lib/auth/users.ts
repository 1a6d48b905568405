import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { partners, users } from "@/db/schema";
import type { PartnerStatus } from "@/db/schema/enums";

export type Role = "ADMIN" | "PARTNER";

/** The signed-in person as every page, route and action sees them. */
export type SessionUser = { id: string; email: string; name: string; role: Role; partnerId: string | null };

/**
 * The one access rule on partner status: a TERMINATED partner's account is closed (no sign-in, no session,
 * no token, no API key). SUSPENDED partners still sign in to see their earnings and payouts.
 */
export const partnerAccountClosed = (status: PartnerStatus | null | undefined) => status === "TERMINATED";

/**
 * Loads the user fresh from the database (so a role change, deletion or termination takes effect at once).
 * A credential issued before the last password change is refused (`issuedAt` in seconds).
 */
export async function loadSessionUser(db: DbOrTx, userId: string, issuedAt?: number): Promise<SessionUser | null> {
  if (!/^[0-9a-f-]{36}$/i.test(userId)) return null;
  const [u] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      partnerId: users.partnerId,
      passwordChangedAt: users.passwordChangedAt,
      partnerStatus: partners.status,
    })
    .from(users)
    .leftJoin(partners, eq(partners.id, users.partnerId))
    .where(eq(users.id, userId))
    .limit(1);
  if (!u || partnerAccountClosed(u.partnerStatus)) return null;
  // Allow one second of slack: the iat claim is rounded down to whole seconds.
  if (issuedAt !== undefined && u.passwordChangedAt && issuedAt + 1 < Math.floor(u.passwordChangedAt.getTime() / 1000))
    return null;
  return { id: u.id, email: u.email, name: u.name, role: u.role, partnerId: u.partnerId };
}
