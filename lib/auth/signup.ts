import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { recordEvent } from "@/lib/audit/events";
import { AppError } from "@/lib/errors";
import { enqueueNotification } from "@/lib/outbox/enqueue";
import { createPartnerSchema } from "@/lib/partners/schemas";
import { createPartner, type PartnerWithCode } from "@/lib/partners/service";
import { hashPassword } from "./password";
import { newPasswordSchema } from "./schemas";
import type { SessionUser } from "./users";

/** What a visitor may choose at sign-up: no rate, status or code (those are the program's). */
export const signupSchema = createPartnerSchema
  .pick({ firstName: true, lastName: true, email: true, phone: true, companyName: true })
  .extend({ password: newPasswordSchema, confirmPassword: z.string({ error: "Repeat the password" }) })
  .strict()
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords differ" });
export type SignupInput = z.output<typeof signupSchema>;

/**
 * Partner sign-up: the partner (INACTIVE until approved, or ACTIVE when the program auto-approves) and its
 * user with the chosen password, in one transaction. An e-mail already used by any user or partner is refused.
 */
export async function signUpPartner(
  db: DbOrTx,
  input: SignupInput,
  actor: Actor,
): Promise<{ partner: PartnerWithCode; user: SessionUser }> {
  const passwordHash = await hashPassword(input.password);
  const taken = () =>
    new AppError("conflict", "An account with this e-mail already exists. Sign in or reset your password.", {
      errors: [{ path: "email", message: "Already registered" }],
    });
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) throw taken();
    const { firstName, lastName, email, phone, companyName } = input;
    const partner = await createPartner(tx, { firstName, lastName, email, phone, companyName }, actor, {
      via: "SELF",
    }).catch((e) => {
      throw e instanceof AppError && e.code === "conflict" ? taken() : e;
    });
    const [user] = await tx
      .insert(users)
      .values({
        email,
        name: `${firstName} ${lastName}`,
        passwordHash,
        role: "PARTNER",
        partnerId: partner.id,
        passwordChangedAt: new Date(),
      })
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, partnerId: users.partnerId });
    await recordEvent(tx, actor, {
      entityType: "user",
      entityId: user.id,
      action: "user.signed_up",
      data: { partnerId: partner.id },
    });
    await enqueueNotification(tx, "application.received", {
      partnerId: partner.id,
      firstName,
      lastName,
      companyName: companyName ?? null,
      status: partner.status,
    });
    return { partner, user };
  });
}
