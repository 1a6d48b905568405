import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db";
import { reusable } from "@/db/reuse";
import { partnerCodes, partners } from "@/db/schema";
import type { PartnerStatus } from "@/db/schema/enums";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { createPartnerUser, type IssuedLink } from "@/lib/auth/tokens";
import { assertPlanExists } from "@/lib/commissions/plans";
import { nowOf, type Clock } from "@/lib/clock";
import { AppError, invalidState, isUniqueViolation, notFound } from "@/lib/errors";
import { enqueueNotification, enqueueWebhookEvent } from "@/lib/outbox/enqueue";
import { PARTNER_TRANSITIONS, canMove } from "@/lib/referrals/transitions";
import { getSettings } from "@/lib/settings";
import { isUuid } from "@/lib/validation";
import { makeReferralCode, normalizeCode } from "./code";
import type { CreatePartnerInput, PartnerStatusInput, UpdatePartnerInput } from "./schemas";

export type Partner = typeof partners.$inferSelect;
export type PartnerWithCode = Partner & { referralCode: string };
export type CreatedVia = "ADMIN" | "SELF" | "API";

/** The partner fields webhooks and events carry: no payout details. */
export const partnerSummary = (p: PartnerWithCode | Partner) => ({
  id: p.id,
  firstName: p.firstName,
  lastName: p.lastName,
  email: p.email,
  companyName: p.companyName,
  status: p.status,
  commissionRateBps: p.commissionRateBps,
  ...("referralCode" in p ? { referralCode: p.referralCode } : {}),
});

const emailTaken = () =>
  new AppError("conflict", "A partner with this e-mail already exists", {
    errors: [{ path: "email", message: "Already registered" }],
  });

/**
 * Onboards a partner (an admin in the console, or the API): `ACTIVE` with its referral code, plus its
 * sign-in user and a single-use invitation link to pass on, in one transaction: both or neither.
 */
export async function onboardPartner(
  db: DbOrTx,
  input: CreatePartnerInput,
  actor: Actor,
  opts: { via: "ADMIN" | "API" },
): Promise<{ partner: PartnerWithCode; invitation: IssuedLink }> {
  return db.transaction(async (tx) => {
    const partner = await createPartner(tx, input, actor, opts);
    const { invitation } = await createPartnerUser(
      tx,
      { partnerId: partner.id, email: partner.email, name: `${partner.firstName} ${partner.lastName}` },
      actor,
    );
    return { partner, invitation };
  });
}

/**
 * Inserts a new current code for the partner: from the name first, then random stems.
 * ON CONFLICT DO NOTHING keeps the transaction alive while the database decides uniqueness.
 */
async function insertNewCode(tx: DbOrTx, partner: Partner, now: Date, fixed?: string): Promise<string> {
  const candidates = fixed ? [normalizeCode(fixed)] : [];
  for (let i = 0; i < 12; i++)
    candidates.push(i < 4 ? makeReferralCode(partner.firstName, partner.lastName) : makeReferralCode("", ""));
  for (const code of candidates) {
    const [row] = await tx
      .insert(partnerCodes)
      .values({ partnerId: partner.id, code, createdAt: now })
      .onConflictDoNothing({ target: partnerCodes.code })
      .returning({ code: partnerCodes.code });
    if (row) return row.code;
    if (fixed && code === candidates[0]) throw new AppError("conflict", `Referral code ${code} is taken`);
  }
  throw new AppError("conflict", "Could not allocate a unique referral code; try again");
}

export async function createPartner(
  db: DbOrTx,
  input: CreatePartnerInput,
  actor: Actor,
  opts: { via: CreatedVia; code?: string } & Clock,
): Promise<PartnerWithCode> {
  const now = nowOf(opts);
  try {
    return await db.transaction(async (tx) => {
      const s = await getSettings(tx);
      if (input.commissionPlanId) await assertPlanExists(tx, input.commissionPlanId);
      const status: PartnerStatus = opts.via === "SELF" && !s.autoApprovePartners ? "INACTIVE" : "ACTIVE";
      const [p] = await tx
        .insert(partners)
        .values({
          ...input,
          commissionRateBps: input.commissionRateBps ?? null,
          currency: input.currency ?? s.defaultCurrency,
          status,
          createdVia: opts.via,
          approvedAt: status === "ACTIVE" ? now : null,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: partners.email })
        .returning();
      if (!p) throw emailTaken();
      const referralCode = await insertNewCode(tx, p, now, opts.code);
      const out = { ...p, referralCode };
      await recordEvent(tx, actor, {
        entityType: "partner",
        entityId: p.id,
        action: "partner.created",
        toStatus: status,
        data: { referralCode, via: opts.via },
        at: now,
      });
      await enqueueWebhookEvent(tx, "partner.created", partnerSummary(out));
      return out;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

async function lockPartner(tx: DbOrTx, id: string): Promise<Partner> {
  if (!isUuid(id)) throw notFound("Partner");
  const [p] = await tx.select().from(partners).where(eq(partners.id, id)).for("update");
  if (!p) throw notFound("Partner");
  return p;
}

export async function getPartnerById(db: DbOrTx, id: string): Promise<PartnerWithCode> {
  if (!isUuid(id)) throw notFound("Partner");
  const [row] = await db
    .select({ p: partners, code: partnerCodes.code })
    .from(partners)
    .leftJoin(partnerCodes, and(eq(partnerCodes.partnerId, partners.id), eq(partnerCodes.isCurrent, true)))
    .where(eq(partners.id, id));
  if (!row) throw notFound("Partner");
  return { ...row.p, referralCode: row.code ?? "" };
}

export async function updatePartner(
  db: DbOrTx,
  id: string,
  patch: UpdatePartnerInput,
  actor: Actor,
  clock?: Clock,
): Promise<PartnerWithCode> {
  const now = nowOf(clock);
  try {
    return await db.transaction(async (tx) => {
      const before = await lockPartner(tx, id);
      if (patch.commissionPlanId) await assertPlanExists(tx, patch.commissionPlanId);
      if (Object.keys(patch).length > 0) {
        await tx
          .update(partners)
          .set({ ...patch, updatedAt: now })
          .where(eq(partners.id, id));
      }
      const after = await getPartnerById(tx, id);
      const changed = Object.fromEntries(Object.keys(patch).map((k) => [k, (after as Record<string, unknown>)[k]]));
      const was = Object.fromEntries(Object.keys(patch).map((k) => [k, (before as Record<string, unknown>)[k]]));
      await recordEvent(tx, actor, {
        entityType: "partner",
        entityId: id,
        action: "partner.updated",
        before: was,
        after: changed,
        at: now,
      });
      return after;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw emailTaken();
    throw e;
  }
}

export async function changePartnerStatus(
  db: DbOrTx,
  id: string,
  input: PartnerStatusInput,
  actor: Actor,
  clock?: Clock,
): Promise<PartnerWithCode> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const before = await lockPartner(tx, id);
    const to = input.status;
    if (!canMove(PARTNER_TRANSITIONS, before.status, to))
      throw invalidState("Partner", before.status, `change to ${to}`);
    const [updated] = await tx
      .update(partners)
      .set({
        status: to,
        statusReason: input.reason ?? null,
        updatedAt: now,
        ...(to === "ACTIVE" && !before.approvedAt ? { approvedAt: now } : {}),
        ...(to === "TERMINATED" ? { terminatedAt: now } : {}),
      })
      .where(and(eq(partners.id, id), eq(partners.status, before.status)))
      .returning();
    if (!updated) throw invalidState("Partner", before.status, `change to ${to}`);
    await recordEvent(tx, actor, {
      entityType: "partner",
      entityId: id,
      action: "partner.status_changed",
      fromStatus: before.status,
      toStatus: to,
      data: input.reason ? { reason: input.reason } : null,
      at: now,
    });
    const out = await getPartnerById(tx, id);
    await enqueueWebhookEvent(tx, "partner.status_changed", {
      ...partnerSummary(out),
      previousStatus: before.status,
      reason: input.reason ?? null,
    });
    // A sign-up still waiting for its first approval: this change is the decision on the application.
    if (before.status === "INACTIVE" && !before.approvedAt && (to === "ACTIVE" || to === "TERMINATED"))
      await enqueueNotification(tx, to === "ACTIVE" ? "application.approved" : "application.rejected", {
        partnerId: id,
        reason: input.reason?.replace(/^Application declined: /, "") ?? null,
      });
    return out;
  });
}

/**
 * DELETE /partners/{id}: terminates the partner. Repeating it is a no-op answered like the first (the
 * partner as it is): no second event, webhook or terminatedAt. Unknown ids are still not found.
 */
export async function terminatePartner(
  db: DbOrTx,
  id: string,
  reason: string,
  actor: Actor,
  clock?: Clock,
): Promise<PartnerWithCode> {
  return db.transaction(async (tx) => {
    const p = await lockPartner(tx, id);
    if (p.status === "TERMINATED") return getPartnerById(tx, id);
    return changePartnerStatus(tx, id, { status: "TERMINATED", reason }, actor, clock);
  });
}

/** A new current code; the old one stays as an alias so links already shared keep attributing. */
export async function regenerateCode(db: DbOrTx, id: string, actor: Actor, clock?: Clock): Promise<PartnerWithCode> {
  const now = nowOf(clock);
  return db.transaction(async (tx) => {
    const p = await lockPartner(tx, id);
    if (p.status === "TERMINATED") throw invalidState("Partner", p.status, "regenerate its code");
    const [old] = await tx
      .update(partnerCodes)
      .set({ isCurrent: false, retiredAt: now })
      .where(and(eq(partnerCodes.partnerId, id), eq(partnerCodes.isCurrent, true)))
      .returning({ code: partnerCodes.code });
    const code = await insertNewCode(tx, p, now);
    await recordEvent(tx, actor, {
      entityType: "partner",
      entityId: id,
      action: "partner.code_regenerated",
      data: { previousCode: old?.code ?? null, referralCode: code },
      at: now,
    });
    return { ...p, referralCode: code };
  });
}

export type ResolveResult =
  | { valid: true; partner: PartnerWithCode; code: string }
  | {
      valid: false;
      reason: "UNKNOWN_CODE" | "PARTNER_INACTIVE" | "PARTNER_SUSPENDED" | "PARTNER_TERMINATED";
      partner?: PartnerWithCode;
      code: string;
    };

/**
 * A code (current or alias, any case) → its partner. Only ACTIVE partners' codes are valid; the others
 * carry the partner so lead capture can record a REJECTED referral with the reason.
 */
/** One query, built once: the code as typed (current or alias) → its partner and that partner's current code. */
const partnerByCode = reusable("partner_by_code", (db) => {
  const used = alias(partnerCodes, "used");
  return db
    .select({ p: partners, current: partnerCodes.code })
    .from(used)
    .innerJoin(partners, eq(partners.id, used.partnerId))
    .leftJoin(partnerCodes, and(eq(partnerCodes.partnerId, partners.id), eq(partnerCodes.isCurrent, true)))
    .where(eq(used.code, sql.placeholder("code")));
});

export async function resolveCode(db: DbOrTx, raw: string): Promise<ResolveResult> {
  const code = normalizeCode(raw ?? "");
  if (!code || code.length > 64) return { valid: false, reason: "UNKNOWN_CODE", code };
  const [row] = await partnerByCode(db, { code });
  if (!row) return { valid: false, reason: "UNKNOWN_CODE", code };
  const partner = { ...row.p, referralCode: row.current ?? code };
  if (partner.status === "ACTIVE") return { valid: true, partner, code };
  return { valid: false, reason: `PARTNER_${partner.status}` as "PARTNER_INACTIVE", partner, code };
}

export { partnerPerformance, type PartnerPerformance } from "./performance";
