import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { authTokens, partners, users } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { configuredOrigin, env } from "@/lib/env";
import { AppError, conflict } from "@/lib/errors";
import { enqueueEmail } from "@/lib/outbox/enqueue";
import { normalizeEmail } from "./login";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./schemas";
import type { SessionUser } from "./users";

export type TokenKind = "INVITE" | "RESET";
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;
export const RESET_TTL_MS = 3600 * 1000;
const PATHS: Record<TokenKind, string> = { INVITE: "/invite", RESET: "/reset-password" };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Absolute links need the public origin (docs/operations.md#public-origin), else the local server. */
export function appBaseUrl(): string {
  return configuredOrigin() ?? `http://localhost:${env().PORT}`;
}

export interface IssuedLink {
  url: string;
  path: string;
  expiresAt: Date;
}

/**
 * Issues a single-use link for a user: earlier unused links of the same kind stop working, only the
 * SHA-256 of the token is stored, and the message goes to the outbox (no mail server is assumed).
 */
async function issueToken(
  db: DbOrTx,
  user: { id: string; email: string; name: string },
  kind: TokenKind,
  actor: Actor | null,
): Promise<IssuedLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + (kind === "INVITE" ? INVITE_TTL_MS : RESET_TTL_MS));
  const path = `${PATHS[kind]}/${token}`;
  const url = `${appBaseUrl()}${path}`;
  await db.transaction(async (tx) => {
    await tx
      .update(authTokens)
      .set({ usedAt: new Date() })
      .where(and(eq(authTokens.userId, user.id), eq(authTokens.kind, kind), isNull(authTokens.usedAt)));
    await tx.insert(authTokens).values({ userId: user.id, kind, tokenHash: hashToken(token), expiresAt });
    await enqueueEmail(tx, kind === "INVITE" ? "invitation" : "password_reset", {
      to: user.email,
      name: user.name,
      url,
      path,
      expiresAt: expiresAt.toISOString(),
    });
    if (actor)
      await recordEvent(tx, actor, {
        entityType: "user",
        entityId: user.id,
        action: kind === "INVITE" ? "user.invited" : "user.password_reset_requested",
        data: { expiresAt },
      });
  });
  return { url, path, expiresAt };
}

async function findUser(db: DbOrTx, where: ReturnType<typeof eq>) {
  const [u] = await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(where).limit(1);
  return u;
}

/** An invitation (7 days, single use) for a user to set their password. */
export async function createInvitation(db: DbOrTx, userId: string, actor: Actor): Promise<IssuedLink> {
  const user = await findUser(db, eq(users.id, userId));
  if (!user) throw new AppError("not_found", "User not found");
  return issueToken(db, user, "INVITE", actor);
}

/**
 * A reset link (1 hour, single use) for the account with this e-mail (actor: an admin issuing it; default the user). Returns null for an unknown e-mail;
 * callers must answer the same either way, so the form does not reveal who has an account.
 */
export async function createPasswordReset(db: DbOrTx, email: string, actor?: Actor): Promise<IssuedLink | null> {
  const user = await findUser(db, eq(users.email, normalizeEmail(email)));
  if (!user) return null;
  return issueToken(db, user, "RESET", actor ?? { type: "USER", id: user.id, label: user.email });
}

/** Who a still-valid link belongs to (the page greets them), or null. */
export async function peekToken(
  db: DbOrTx,
  token: string,
  kind: TokenKind,
): Promise<{ email: string; name: string } | null> {
  const [row] = await db
    .select({ email: users.email, name: users.name })
    .from(authTokens)
    .innerJoin(users, eq(users.id, authTokens.userId))
    .where(
      and(
        eq(authTokens.tokenHash, hashToken(token)),
        eq(authTokens.kind, kind),
        isNull(authTokens.usedAt),
        gt(authTokens.expiresAt, sql`now()`),
      ),
    )
    .limit(1);
  return row ?? null;
}

/**
 * Uses a link once: sets the password in the same transaction that marks the token used. A used, expired,
 * superseded or unknown token is refused; the earlier sessions and API tokens of the user stop working.
 */
export async function consumeToken(
  db: DbOrTx,
  token: string,
  kind: TokenKind,
  newPassword: string,
): Promise<SessionUser> {
  const parsed = newPasswordSchema.safeParse(newPassword);
  if (!parsed.success)
    throw new AppError("validation", parsed.error.issues[0].message, {
      errors: [{ path: "password", message: parsed.error.issues[0].message }],
    });
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(authTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(authTokens.tokenHash, hashToken(token)),
          eq(authTokens.kind, kind),
          isNull(authTokens.usedAt),
          gt(authTokens.expiresAt, sql`now()`),
        ),
      )
      .returning({ userId: authTokens.userId });
    if (!used) throw new AppError("not_found", "This link is invalid, already used or expired. Ask for a new one.");
    const [u] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: new Date() })
      .where(eq(users.id, used.userId))
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, partnerId: users.partnerId });
    const actor: Actor = { type: "USER", id: u.id, label: u.email, role: u.role, partnerId: u.partnerId };
    await recordEvent(tx, actor, {
      entityType: "user",
      entityId: u.id,
      action: kind === "INVITE" ? "user.invitation_accepted" : "user.password_reset",
    });
    return u;
  });
}

/**
 * The sign-in for a partner an admin just created (UI or API): a user without a password plus an
 * invitation link to show and copy. Run it in the transaction that creates the partner.
 */
export async function createPartnerUser(
  db: DbOrTx,
  input: { partnerId: string; email: string; name: string },
  actor: Actor,
): Promise<{ user: SessionUser; invitation: IssuedLink }> {
  return db.transaction(async (tx) => {
    const email = normalizeEmail(input.email);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1);
    if (existing) throw conflict("A user with this e-mail already exists", { field: "email" });
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name, role: "PARTNER", partnerId: input.partnerId })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, partnerId: users.partnerId });
    await recordEvent(tx, actor, {
      entityType: "user",
      entityId: user.id,
      action: "user.created",
      data: { role: "PARTNER", partnerId: input.partnerId },
    });
    const invitation = await issueToken(tx, user, "INVITE", actor);
    return { user, invitation };
  });
}

/**
 * (Re-)invites a partner's user: creates the user when the partner has none yet, otherwise issues a fresh
 * invitation (the previous one stops working). A user who already chose a password gets a 409: use a reset.
 */
export async function invitePartner(
  db: DbOrTx,
  partnerId: string,
  actor: Actor,
): Promise<IssuedLink & { userId: string }> {
  const [p] = await db.select().from(partners).where(eq(partners.id, partnerId));
  if (!p) throw new AppError("not_found", "Partner not found");
  const [u] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.partnerId, partnerId));
  if (!u) {
    const { user, invitation } = await createPartnerUser(
      db,
      { partnerId, email: p.email, name: `${p.firstName} ${p.lastName}` },
      actor,
    );
    return { ...invitation, userId: user.id };
  }
  if (u.passwordHash) throw conflict("This partner has already set a password; send a password reset instead");
  return { ...(await createInvitation(db, u.id, actor)), userId: u.id };
}
