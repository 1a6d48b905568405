import { sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, ref, timestamps, ts } from "./columns";
import { authTokenKind, userRole } from "./enums";
import { partners } from "./partners";

export const users = pgTable(
  "users",
  {
    id: id(),
    /** Stored lower-case. */
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id; null until an invited user sets a password. */
    passwordHash: text(),
    role: userRole().notNull(),
    partnerId: uuid().references(() => partners.id),
    ...timestamps,
    lastLoginAt: ts(),
    passwordChangedAt: ts(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_partner_key").on(t.partnerId),
    check("users_email_lower", sql`${t.email} = lower(${t.email})`),
    check("users_partner_role", sql`(${t.role} = 'PARTNER') = (${t.partnerId} is not null)`),
  ],
);

/** Single-use invitation and password-reset links; only the SHA-256 of the token is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: id(),
    userId: ref(() => users.id),
    kind: authTokenKind().notNull(),
    tokenHash: text().notNull(),
    expiresAt: ts().notNull(),
    usedAt: ts(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("auth_tokens_hash_key").on(t.tokenHash), index("auth_tokens_user_idx").on(t.userId, t.kind)],
);

/** Sign-in attempts, kept in the database so throttling holds across restarts and instances. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: id(),
    email: text().notNull(),
    ip: text().notNull(),
    success: boolean().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("login_attempts_email_ip_idx").on(t.email, t.ip, t.createdAt),
    index("login_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);
