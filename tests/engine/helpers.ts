import { expect } from "vitest";
import { createPartner } from "@/lib/partners/service";
import { createPartnerSchema } from "@/lib/partners/schemas";
import { leadInputSchema } from "@/lib/leads/schemas";
import type { Actor } from "@/lib/audit/actor";
import type { DbOrTx } from "@/db";
import type { Clock } from "@/lib/clock";
import { createPlan } from "@/lib/commissions/plans";
import { planInputSchema } from "@/lib/commissions/schemas";

export const admin: Actor = {
  type: "USER",
  id: "11111111-1111-4111-8111-111111111111",
  label: "admin@test",
  role: "ADMIN",
  requestId: "req-test",
};
export const system: Actor = { type: "SYSTEM", id: "test-job", label: "test job" };
export const visitor: Actor = { type: "PUBLIC", id: null, label: "visitor" };

let n = 0;
/** A fresh ACTIVE partner with a unique e-mail and phone. */
export async function newPartner(db: DbOrTx, o: Record<string, unknown> = {}, via: "ADMIN" | "SELF" | "API" = "ADMIN") {
  n++;
  return createPartner(
    db,
    createPartnerSchema.parse({
      firstName: "Pat",
      lastName: "Smith",
      email: `pat${n}.${Date.now()}@partners.test`,
      phone: `555${String(1000000 + n).slice(-7)}`,
      ...o,
    }),
    admin,
    { via },
  );
}

/** A USD plan paying 10 % of each conversion, with what `extra` adds (name, tiers, bonuses), made by the admin. */
export async function tenPercentPlan(db: DbOrTx, extra: Record<string, unknown>, clock?: Clock) {
  const { plan } = await createPlan(
    db,
    planInputSchema.parse({ currency: "USD", rules: [{ event: "CONVERSION", rateBps: 1000 }], ...extra }),
    admin,
    clock,
  );
  return plan;
}

let m = 0;
/** A parsed lead body with a unique e-mail unless given. */
export function leadBody(o: Record<string, unknown> = {}) {
  m++;
  return leadInputSchema.parse({
    firstName: "Lee",
    lastName: "Ray",
    email: `lead${m}.${Date.now()}@example.com`,
    insuranceType: "auto",
    consent: { given: true, textVersion: "2026-11" },
    ...o,
  });
}

/**
 * A refused status change: an invalid_state error whose message names the current status (`mention`), and the
 * stored status (`statusNow`) still `from`.
 */
export async function expectRefusedTransition(
  attempt: Promise<unknown>,
  from: string,
  statusNow: () => Promise<string>,
  mention = from,
) {
  const e = await rejects(attempt);
  expect(e.code).toBe("invalid_state");
  expect(e.message).toContain(mention);
  expect(await statusNow()).toBe(from);
}

export async function rejects(
  p: Promise<unknown>,
): Promise<{ code?: string; message: string; extra?: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { code?: string; message: string; extra?: Record<string, unknown> };
    return err;
  }
  throw new Error("expected the call to fail");
}
