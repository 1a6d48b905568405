import { eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import { recordEvents, type EventInput } from "@/lib/audit/events";
import { makeReferralCode } from "@/lib/partners/code";
import { seededRandom } from "@/lib/random";
import type { Db } from "./index";
import { partnerCodes, partners, users } from "./schema";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_ADMIN_EMAIL = "admin@demo.test";
export const DEMO_PARTNER_EMAIL = "partner@demo.test";
export const DEMO_PARTNER_CODE = "DEMPAR0001";

const FIRST = ["Olivia", "Liam", "Emma", "Noah", "Ava", "Mateo", "Sofía", "Lucas", "Mia", "Ethan", "Zoë", "Aarav", "Chloé", "Diego", "Grace", "Hiro", "Isabel", "Jonas"];
const LAST = ["Martínez", "Nguyen", "Johnson", "Okafor", "Schmidt", "Patel", "Rossi", "Kowalski", "Brown", "García", "Dubois", "Silva", "Müller", "Tanaka", "Walker", "Cohen", "Larsen", "Reyes"];
const COMPANIES = ["Harbor Insurance Group", "Summit Brokers", "QuoteCompare.io", "Main Street Agency", "Bluewater Benefits", "Keystone Advisors"];

export const hasDemoData = async (db: Db) =>
  (await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL)).limit(1)).length > 0;

/** Deterministic demo data; only ever run by the demo seed (embedded first start or `npm run db:seed`). */
export async function seedDemo(db: Db, now = new Date()): Promise<{ created: boolean }> {
  if (await hasDemoData(db)) return { created: false };
  const rng = seededRandom(20261125);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const actor = { type: "SYSTEM" as const, id: "demo-seed", label: "demo seed" };
    const evts: EventInput[] = [];
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

    const specs = [
      { firstName: "Demo", lastName: "Partner", email: DEMO_PARTNER_EMAIL, code: DEMO_PARTNER_CODE, status: "ACTIVE" as const, companyName: "Demo Insurance Agency", via: "ADMIN", rate: 1500 },
      ...Array.from({ length: 19 }, (_, i) => {
        const firstName = FIRST[i % FIRST.length];
        const lastName = LAST[(i * 7) % LAST.length];
        const status = i === 0 ? ("INACTIVE" as const) : i === 1 ? ("SUSPENDED" as const) : ("ACTIVE" as const);
        return {
          firstName,
          lastName,
          email: `${firstName}.${lastName}`.normalize("NFKD").replace(/[^\w.]/g, "").toLowerCase() + `${i}@partners.demo.test`,
          code: makeReferralCode(firstName, lastName, (n) => rng.int(0, n - 1)),
          status,
          companyName: rng.pick(COMPANIES),
          via: i === 0 ? "SELF" : "ADMIN",
          rate: rng.pick([500, 750, 1000, 1000, 1200, 1500]),
        };
      }),
    ];

    for (const [i, s] of specs.entries()) {
      const createdAt = daysAgo(120 - i);
      const [p] = await tx
        .insert(partners)
        .values({
          firstName: s.firstName,
          lastName: s.lastName,
          email: s.email,
          phone: `555${String(1000000 + i * 7919).slice(-7)}`,
          companyName: s.companyName,
          status: s.status,
          statusReason: s.status === "SUSPENDED" ? "Compliance review" : null,
          commissionRateBps: s.rate,
          createdVia: s.via,
          approvedAt: s.status === "INACTIVE" ? null : createdAt,
          createdAt,
          updatedAt: createdAt,
        })
        .returning();
      await tx.insert(partnerCodes).values({ partnerId: p.id, code: s.code, createdAt });
      evts.push({ entityType: "partner", entityId: p.id, action: "partner.created", toStatus: s.via === "SELF" ? "INACTIVE" : "ACTIVE", data: { code: s.code } });
      if (s.status === "SUSPENDED") evts.push({ entityType: "partner", entityId: p.id, action: "partner.status_changed", fromStatus: "ACTIVE", toStatus: "SUSPENDED", data: { reason: "Compliance review" } });
      if (s.email === DEMO_PARTNER_EMAIL) {
        await tx.insert(users).values({ email: s.email, name: "Demo Partner", passwordHash, role: "PARTNER", partnerId: p.id });
      }
    }
    await tx.insert(users).values({ email: DEMO_ADMIN_EMAIL, name: "Demo Admin", passwordHash, role: "ADMIN" });
    await recordEvents(tx, actor, evts);
  });
  return { created: true };
}

export function demoLoginBanner(): string {
  return [
    "Demo logins (password: demo-password):",
    `  admin    ${DEMO_ADMIN_EMAIL}`,
    `  partner  ${DEMO_PARTNER_EMAIL}   referral code ${DEMO_PARTNER_CODE}`,
  ].join("\n");
}
