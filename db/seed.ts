import { eq } from "drizzle-orm";
import type { Actor } from "@/lib/audit/actor";
import { hashPassword } from "@/lib/auth/password";
import { makeReferralCode } from "@/lib/partners/code";
import { createPartnerSchema } from "@/lib/partners/schemas";
import { createPartner, type PartnerWithCode } from "@/lib/partners/service";
import { seededRandom } from "@/lib/random";
import type { Db } from "./index";
import { outbox, settings, users } from "./schema";
import { seedActivity } from "./seed-activity";

export const DEMO_PASSWORD = "demo-password";
export const DEMO_ADMIN_EMAIL = "admin@demo.test";
export const DEMO_PARTNER_EMAIL = "partner@demo.test";
export const DEMO_PARTNER_CODE = "DEMPAR0001";

const FIRST = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Mateo",
  "Sofía",
  "Lucas",
  "Mia",
  "Ethan",
  "Zoë",
  "Aarav",
  "Chloé",
  "Diego",
  "Grace",
  "Hiro",
  "Isabel",
  "Jonas",
];
const LAST = [
  "Martínez",
  "Nguyen",
  "Johnson",
  "Okafor",
  "Schmidt",
  "Patel",
  "Rossi",
  "Kowalski",
  "Brown",
  "García",
  "Dubois",
  "Silva",
  "Müller",
  "Tanaka",
  "Walker",
  "Cohen",
  "Larsen",
  "Reyes",
];
const COMPANIES = [
  "Harbor Insurance Group",
  "Summit Brokers",
  "QuoteCompare.io",
  "Main Street Agency",
  "Bluewater Benefits",
  "Keystone Advisors",
];

export const hasDemoData = async (db: Db) =>
  (await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ADMIN_EMAIL)).limit(1)).length > 0;

/**
 * Deterministic demo data (seeded generator, clock relative to `now`), made through the engine's own
 * functions so every row has its audit events and `check:invariants` reports 0: about 20 partners
 * (one INACTIVE applicant, one SUSPENDED), then 90 days of clicks, leads, referrals, rewards and payouts
 * in every status (db/seed-activity.ts). Only ever run by the demo seed (embedded first start or `npm run db:seed`).
 */
/** The demo program's side of bank files: sample bank numbers from the standards' own examples. */
export const DEMO_BANK_ORIGINATOR = {
  ach: { bankRouting: "021000021", bankName: "Demo Bank", companyId: "1000000001", companyName: "Acme Insurance" },
  sepa: { name: "Acme Insurance Quotes", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
};

export async function seedDemo(db: Db, now = new Date()): Promise<{ created: boolean }> {
  if (await hasDemoData(db)) return { created: false };
  const rng = seededRandom(20261125);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const [adminUser] = await tx
      .insert(users)
      .values({ email: DEMO_ADMIN_EMAIL, name: "Demo Admin", passwordHash, role: "ADMIN", createdAt: daysAgo(130) })
      .returning();
    const admin: Actor = {
      type: "USER",
      id: adminUser.id,
      label: DEMO_ADMIN_EMAIL,
      role: "ADMIN",
      requestId: "demo-seed",
    };
    const visitor: Actor = { type: "PUBLIC", id: null, label: "visitor", requestId: "demo-seed" };
    // A fictional originator, so the demo can make bank files (docs/bank-files.md#the-programs-side).
    await tx.update(settings).set({ bankOriginator: DEMO_BANK_ORIGINATOR });

    const specs = [
      {
        firstName: "Demo",
        lastName: "Partner",
        email: DEMO_PARTNER_EMAIL,
        code: DEMO_PARTNER_CODE,
        status: "ACTIVE" as const,
        companyName: "Demo Insurance Agency",
        via: "ADMIN" as const,
        rate: 1500,
      },
      ...Array.from({ length: 19 }, (_, i) => {
        const firstName = FIRST[i % FIRST.length];
        const lastName = LAST[(i * 7) % LAST.length];
        const status = i === 0 ? ("INACTIVE" as const) : i === 1 ? ("SUSPENDED" as const) : ("ACTIVE" as const);
        return {
          firstName,
          lastName,
          email:
            `${firstName}.${lastName}`
              .normalize("NFKD")
              .replace(/[^\w.]/g, "")
              .toLowerCase() + `${i}@partners.demo.test`,
          code: makeReferralCode(firstName, lastName, (n) => rng.int(0, n - 1)),
          status,
          companyName: rng.pick(COMPANIES),
          via: i === 0 ? ("SELF" as const) : ("ADMIN" as const),
          rate: rng.pick([500, 750, 1000, 1000, 1200, 1500]),
        };
      }),
    ];

    const made: PartnerWithCode[] = [];
    for (const [i, s] of specs.entries()) {
      const createdAt = daysAgo(120 - i);
      const input = createPartnerSchema.parse({
        firstName: s.firstName,
        lastName: s.lastName,
        email: s.email,
        phone: `555${String(1000000 + i * 7919).slice(-7)}`,
        companyName: s.companyName,
        commissionRateBps: s.rate,
        payoutMethod: rng.pick(["BANK_TRANSFER", "PAYPAL", "BANK_TRANSFER"]),
        licensedStates: ["TX", "CA", "FL", "NY", "IL"].slice(0, rng.int(1, 5)),
      });
      // The SUSPENDED partner is suspended 20 days ago inside the activity replay, after its earlier referrals.
      const p = await createPartner(tx, input, s.via === "SELF" ? visitor : admin, {
        via: s.via,
        code: s.code,
        now: createdAt,
      });
      made.push(p);
      if (s.email === DEMO_PARTNER_EMAIL) {
        await tx
          .insert(users)
          .values({ email: s.email, name: "Demo Partner", passwordHash, role: "PARTNER", partnerId: p.id, createdAt });
      }
    }
    await seedActivity(tx, { partners: made, admin, visitor, now, rng });
    // 90 days of replayed history is not news: no e-mail or inbox entry for it (webhook rows stay).
    await tx.delete(outbox).where(eq(outbox.topic, "notify"));
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
