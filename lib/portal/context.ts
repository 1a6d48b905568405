import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb, type Db } from "@/db";
import { requirePartner, type SessionUser } from "@/lib/auth/session";
import { getPartner, type PartnerDetail } from "@/lib/partners/queries";
import type { Scope } from "@/lib/query/list";

export interface PortalContext {
  user: SessionUser & { partnerId: string };
  db: Db;
  partner: PartnerDetail;
  /** Every portal read goes through this scope: only the signed-in partner's rows. */
  scope: Required<Scope>;
}

/** The signed-in partner and its record, once per request (layout and page share it). */
export const portalContext = cache(async (): Promise<PortalContext> => {
  const user = await requirePartner();
  const db = await getDb();
  const partner = await getPartner(db, { partnerId: user.partnerId }, user.partnerId);
  if (!partner) notFound();
  return { user, db, partner, scope: { partnerId: user.partnerId } };
});
