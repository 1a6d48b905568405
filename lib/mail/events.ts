import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { leads, users } from "@/db/schema";
import { describeRate } from "@/lib/commissions/words";
import { enumLabel } from "@/lib/enum-label";
import { maskName } from "@/lib/leads/mask";
import { formatMoney } from "@/components/ui/format";
import type { MailCategory } from "./categories";
import type { MailContent } from "./templates/message";

export interface Recipient {
  userId: string | null;
  email: string;
  name: string;
  role: "ADMIN" | "PARTNER" | null;
}

/** One message to write: who, which template output, and under which category. */
export interface Planned {
  to: Recipient;
  kind: string;
  category: MailCategory;
  content: MailContent;
  expiresAt?: Date | null;
}

type Data = Record<string, unknown>;
const str = (v: unknown) => (typeof v === "string" ? v : "");
const money = (d: Data) => formatMoney(Number(d.amountCents ?? 0), str(d.currency) || "USD");
const userCols = { userId: users.id, email: users.email, name: users.name, role: users.role };

async function partnerUser(db: DbOrTx, partnerId: unknown): Promise<Recipient[]> {
  if (typeof partnerId !== "string") return [];
  return db.select(userCols).from(users).where(eq(users.partnerId, partnerId)).limit(1);
}
const admins = (db: DbOrTx): Promise<Recipient[]> => db.select(userCols).from(users).where(eq(users.role, "ADMIN"));

/** The lead as the portal shows it: first name and last initial, nothing else. */
async function maskedLead(db: DbOrTx, leadId: unknown): Promise<string> {
  if (typeof leadId !== "string") return "a new lead";
  const [l] = await db.select({ f: leads.firstName, l: leads.lastName }).from(leads).where(eq(leads.id, leadId));
  if (!l) return "a new lead";
  const m = maskName(l.f, l.l);
  return `${m.firstName} ${m.lastName}`.trim();
}

const each = (to: Recipient[], p: Omit<Planned, "to">): Planned[] => to.map((r) => ({ ...p, to: r }));

/** Sign-in links (outbox topic `email`): the address is the one the link was issued for. */
async function linkMail(db: DbOrTx, kind: string, d: Data): Promise<Planned[]> {
  const email = str(d.to);
  if (!email) return [];
  const [u] = await db.select(userCols).from(users).where(eq(users.email, email));
  const to: Recipient = u ?? { userId: null, email, name: str(d.name), role: null };
  const expiresAt = d.expiresAt ? new Date(str(d.expiresAt)) : null;
  const until = expiresAt ? expiresAt.toUTCString() : "";
  const invite = kind === "invitation";
  return [
    {
      to,
      kind,
      category: "account",
      expiresAt,
      content: {
        subject: invite ? "You are invited to the partner program" : "Reset your password",
        heading: invite ? `Welcome, ${str(d.name) || "partner"}` : "Reset your password",
        paragraphs: invite
          ? ["An account was created for you. Choose a password to sign in.", `The link works once, until ${until}.`]
          : [
              "Someone asked to reset the password of this account. If it was not you, ignore this e-mail.",
              `The link works once, until ${until}.`,
            ],
        action: { label: invite ? "Choose your password" : "Choose a new password", path: str(d.path) },
        inbox: null,
      },
    },
  ];
}

/** Domain events (outbox topic `notify`): each is one template, to the partner concerned or to the admins. */
async function eventMail(db: DbOrTx, type: string, d: Data): Promise<Planned[]> {
  switch (type) {
    case "application.received": {
      const partnerName = `${str(d.firstName)} ${str(d.lastName)}`.trim();
      return [
        ...each(await partnerUser(db, d.partnerId), {
          kind: type,
          category: "account",
          content: {
            subject: "We received your application",
            heading: "Thanks for applying",
            paragraphs: [
              d.status === "ACTIVE"
                ? "Your account is active: you can share your link right away."
                : "We review every application and will write to you once it is decided.",
            ],
            action: { label: "Open the portal", path: "/portal" },
            inbox: { title: "Application received", body: "We received your application." },
          },
        }),
        ...each(await admins(db), {
          kind: "admin.application",
          category: "applications",
          content: {
            subject: `New partner application: ${partnerName}`,
            heading: "A new partner applied",
            paragraphs: [`${partnerName} signed up${d.companyName ? ` for ${str(d.companyName)}` : ""}.`],
            action: { label: "Review the application", path: `/admin/partners/${str(d.partnerId)}` },
            inbox: { title: "New partner application", body: `${partnerName} applied.` },
          },
        }),
      ];
    }
    case "application.approved":
    case "application.rejected": {
      const ok = type === "application.approved";
      return each(await partnerUser(db, d.partnerId), {
        kind: type,
        category: "account",
        content: {
          subject: ok ? "Your application was approved" : "Your application was declined",
          heading: ok ? "Welcome to the program" : "Your application was declined",
          paragraphs: ok
            ? ["Your partner account is active. Share your link to start earning."]
            : ["We are sorry: your application was not accepted."],
          facts: !ok && d.reason ? [["Reason", str(d.reason)]] : undefined,
          action: ok ? { label: "Get your link", path: "/portal/share" } : undefined,
          inbox: { title: ok ? "Application approved" : "Application declined", body: ok ? "You can start." : "" },
        },
      });
    }
    case "referral.created":
    case "referral.converted": {
      const who = await maskedLead(db, d.leadId);
      const created = type === "referral.created";
      return each(await partnerUser(db, d.partnerId), {
        kind: type,
        category: "referrals",
        content: {
          subject: created ? "New referral from your link" : "Your referral converted",
          heading: created ? "You have a new referral" : "A referral converted",
          paragraphs: [created ? `${who} came through your link.` : `${who} became a customer.`],
          action: { label: "See the referral", path: `/portal/referrals/${str(d.id)}` },
          inbox: {
            title: created ? "New referral" : "Referral converted",
            body: created ? `${who} came through your link.` : `${who} became a customer.`,
          },
        },
      });
    }
    case "reward.approved":
    case "reward.cancelled":
    case "reward.clawed_back": {
      const [subject, body] =
        type === "reward.approved"
          ? ["Your reward was approved", `A reward of ${money(d)} was approved and will be in your next payout.`]
          : type === "reward.cancelled"
            ? ["A reward was cancelled", `A reward of ${money(d)} was cancelled.`]
            : [
                "A reward was clawed back",
                `${money({ ...d, amountCents: Math.abs(Number(d.amountCents)) })} was clawed back.`,
              ];
      return each(await partnerUser(db, d.partnerId), {
        kind: type,
        category: "rewards",
        content: {
          subject,
          heading: subject,
          paragraphs: [body],
          action: { label: "See your earnings", path: "/portal/earnings" },
          inbox: { title: subject, body },
        },
      });
    }
    case "reward.bonus_earned": {
      const bonus = (d.bonus ?? {}) as Data;
      const subject = `You earned a bonus: ${money(d)}`;
      const body = `You reached your goal "${str(bonus.name) || "Bonus"}" and earned ${money(d)}.`;
      return each(await partnerUser(db, d.partnerId), {
        kind: type,
        category: "rewards",
        content: {
          subject,
          heading: "You earned a bonus",
          paragraphs: [body, "It is paid with your other rewards once approved."],
          action: { label: "See your earnings", path: "/portal/earnings" },
          inbox: { title: "Bonus earned", body },
        },
      });
    }
    case "partner.tier_reached": {
      const tier = str(d.toName) || "next";
      const rate =
        typeof d.rateBps === "number"
          ? describeRate(d.rateBps)
          : typeof d.multiplierBps === "number"
            ? `${describeRate(d.multiplierBps - 10_000)} more`
            : null;
      const subject = `You reached the ${tier} tier`;
      const body = `You reached the ${tier} tier of your plan${rate ? `: you now earn ${rate} on policies sold` : ""}.`;
      return each(await partnerUser(db, d.partnerId), {
        kind: type,
        category: "rewards",
        content: {
          subject,
          heading: subject,
          paragraphs: [body],
          facts: rate
            ? [
                ["Tier", tier],
                ["Rate", rate],
              ]
            : [["Tier", tier]],
          action: { label: "See how you earn", path: "/portal/plan" },
          inbox: { title: "Tier reached", body },
        },
      });
    }
    case "payout.paid":
    case "payout.failed": {
      const paid = type === "payout.paid";
      const method = d.paymentMethod ? enumLabel(str(d.paymentMethod)) : "—";
      const subject = paid ? `Payout sent: ${money(d)}` : "A payout failed";
      return each(await partnerUser(db, d.partnerId), {
        kind: type,
        category: "payouts",
        content: {
          subject,
          heading: paid ? "Your payout is on its way" : "Your payout failed",
          paragraphs: [
            paid
              ? `We sent you ${money(d)}.`
              : `We could not pay you ${money(d)}. Please check your payout details in your profile.`,
          ],
          facts: paid
            ? [
                ["Amount", money(d)],
                ["Method", method],
              ]
            : [
                ["Amount", money(d)],
                ["Reason", str(d.failureReason) || "Not given"],
              ],
          action: {
            label: paid ? "See your payouts" : "Check your profile",
            path: paid ? "/portal/payouts" : "/portal/profile",
          },
          inbox: { title: paid ? "Payout sent" : "Payout failed", body: subject },
        },
      });
    }
    default:
      return [];
  }
}

/** What an outbox row of topic `email` or `notify` turns into (nothing for unknown kinds). */
export function planMessages(db: DbOrTx, row: { topic: string; eventType: string; payload: unknown }) {
  const d = (row.payload ?? {}) as Data;
  if (row.topic === "email") return linkMail(db, row.eventType, d);
  return eventMail(db, row.eventType, (d.data as Data) ?? d);
}
