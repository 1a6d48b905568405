import { and, asc, eq, inArray, isNull, lte, or, gt } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { partnerLicences, partners } from "@/db/schema";
import type { LicenceLine } from "@/db/schema/licences";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { nowOf, type Clock } from "@/lib/clock";
import { notFound } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import type { LicencesInput } from "./schemas";
import { expiryEnd, statusFromLicences, type LicenceStatus } from "./status";
import { manualLicenceVerifier, type LicenceVerifier } from "./verifier";

export type Licence = typeof partnerLicences.$inferSelect;

/** The partner's licences on file now (open rows), by state. */
export async function listLicences(db: DbOrTx, partnerId: string): Promise<Licence[]> {
  if (!isUuid(partnerId)) return [];
  return db
    .select()
    .from(partnerLicences)
    .where(and(eq(partnerLicences.partnerId, partnerId), isNull(partnerLicences.supersededAt)))
    .orderBy(asc(partnerLicences.state));
}

/** The licence rows of a partner in a state that were on file at `at` (one, or none). */
async function licenceRowsAt(db: DbOrTx, partnerId: string, state: string, at: Date): Promise<Licence[]> {
  return db
    .select()
    .from(partnerLicences)
    .where(
      and(
        eq(partnerLicences.partnerId, partnerId),
        eq(partnerLicences.state, state),
        lte(partnerLicences.createdAt, at),
        or(isNull(partnerLicences.supersededAt), gt(partnerLicences.supersededAt, at)),
      ),
    );
}

/**
 * Whether the partner was licensed for `state` and `line` at `at` (null line = OTHER: both lines needed),
 * read from the licence history, so past events get the status they had then (docs/compliance.md#licences).
 * One statement on partner_licences_partner_idx.
 */
export async function licenceStatusAt(
  db: DbOrTx,
  partnerId: string,
  state: string,
  line: LicenceLine | null,
  at: Date,
): Promise<LicenceStatus> {
  const s = state.trim().toUpperCase();
  return statusFromLicences(await licenceRowsAt(db, partnerId, s, at), s, line, at);
}

/** A licence as the API answers it. */
export function serializeLicence(l: Licence, now = new Date()) {
  const status = !l.verifiedAt ? "UNVERIFIED" : l.expiresOn && expiryEnd(l.expiresOn) > now ? "VALID" : "EXPIRED";
  return {
    id: l.id,
    state: l.state,
    number: l.number,
    lines: l.lines,
    expiresOn: l.expiresOn,
    verified: l.verifiedAt !== null,
    verification: l.verifiedAt
      ? {
          by: l.verifiedBy,
          at: l.verifiedAt.toISOString(),
          method: l.verificationMethod,
          evidenceNote: l.evidenceNote,
        }
      : null,
    status: status as "VALID" | "UNVERIFIED" | "EXPIRED",
    createdAt: l.createdAt.toISOString(),
  };
}

const sameLicence = (l: Licence, i: LicencesInput[number]) =>
  (l.number ?? null) === (i.number ?? null) &&
  l.lines.join() === i.lines.join() &&
  l.expiresOn === i.expiresOn &&
  (l.verifiedAt !== null) === i.verified &&
  (l.evidenceNote ?? null) === (i.evidenceNote ?? null);

/**
 * Replaces the partner's licences with `input` (admins) in one transaction: unchanged licences stay as they
 * are (their verification keeps its time); a changed or removed one is closed and a changed one written
 * anew through the verifier; `licensedStates` follows the states on file; one `partner.licences_updated`
 * event with before and after. The partner row is locked so two edits cannot interleave.
 */
export async function setPartnerLicences(
  db: Db,
  partnerId: string,
  input: LicencesInput,
  actor: Actor,
  opts: { verifier?: LicenceVerifier } & Clock = {},
): Promise<Licence[]> {
  const verifier = opts.verifier ?? manualLicenceVerifier;
  const now = nowOf(opts);
  if (!isUuid(partnerId)) throw notFound("Partner");
  return db.transaction(async (tx) => {
    const [partner] = await tx.select().from(partners).where(eq(partners.id, partnerId)).for("update");
    if (!partner) throw notFound("Partner");
    const before = await listLicences(tx, partnerId);
    const byState = new Map(before.map((l) => [l.state, l]));
    const changed = input.filter((i) => !byState.has(i.state) || !sameLicence(byState.get(i.state)!, i));
    const wanted = new Set(input.map((i) => i.state));
    const close = before.filter((l) => !wanted.has(l.state) || changed.some((c) => c.state === l.state));
    if (changed.length === 0 && close.length === 0) return before;
    if (close.length)
      await tx
        .update(partnerLicences)
        .set({ supersededAt: now })
        .where(
          inArray(
            partnerLicences.id,
            close.map((l) => l.id),
          ),
        );
    for (const i of changed) {
      const v = await verifier.verify(i, { partnerId, npn: partner.npn, actor, now });
      await tx.insert(partnerLicences).values({
        partnerId,
        state: i.state,
        number: i.number ?? null,
        lines: i.lines,
        expiresOn: i.expiresOn,
        verifiedAt: v.verified ? v.at : null,
        verifiedBy: v.verified ? v.by : null,
        verificationMethod: v.verified ? v.method : null,
        evidenceNote: v.evidenceNote,
        createdBy: actor.label ?? actor.id ?? null,
        createdAt: now,
      });
    }
    const after = await listLicences(tx, partnerId);
    await tx
      .update(partners)
      .set({ licensedStates: after.map((l) => l.state), updatedAt: now })
      .where(eq(partners.id, partnerId));
    await recordEvent(tx, actor, {
      entityType: "partner",
      entityId: partnerId,
      action: "partner.licences_updated",
      before: before.map((l) => serializeLicence(l, now)),
      after: after.map((l) => serializeLicence(l, now)),
      data: {
        changed: changed.map((c) => c.state),
        removed: close.filter((l) => !wanted.has(l.state)).map((l) => l.state),
      },
      at: now,
    });
    return after;
  });
}
