import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { leads } from "@/db/schema";
import type { Actor } from "@/lib/audit/actor";
import { notFound } from "@/lib/errors";
import { consentSchema, leadInputSchema, leadStatusSchema } from "@/lib/leads/schemas";
import { captureLead, changeLeadStatus, getLeadById } from "@/lib/leads/service";
import { POLICY_WEBHOOK_TYPES, policyEventInputSchema } from "@/lib/policies/schemas";
import { recordPolicyEvent } from "@/lib/policies/service";
import { parseInput } from "./schemas";

export const INBOUND_EVENT_TYPES = [
  "lead.created",
  "lead.status_changed",
  "lead.converted",
  "policy.issued",
  "policy.cancelled",
  "policy.renewed",
] as const;

const pick = (obj: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => k in obj).map((k) => [k, obj[k]]));
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A CRM's lead (`data`, or `data.lead`) reduced to the public lead body (`POST /api/v1/leads`): third parties send more
 * than we know, which is kept in the raw payload but not passed to our strict schema.
 */
function leadBodyOf(data: Record<string, unknown>): unknown {
  const src = isObject(data.lead) ? data.lead : data;
  const body = pick(src, Object.keys(leadInputSchema.shape));
  if (isObject(body.consent)) body.consent = pick(body.consent, Object.keys(consentSchema.shape));
  return body;
}

/** Which lead a status event is about: our `leadId`, or the CRM's `externalId` given at lead.created. */
const leadRefSchema = z
  .object({ leadId: z.string().optional(), externalId: z.string().trim().min(1).max(200).optional() })
  .loose()
  .refine((v) => v.leadId || v.externalId, { message: "Give leadId or externalId", path: ["leadId"] });

async function findLead(tx: Tx, data: Record<string, unknown>) {
  const ref = parseInput(leadRefSchema, data, "The event does not name a lead");
  if (ref.leadId) return getLeadById(tx, ref.leadId);
  const [lead] = await tx.select().from(leads).where(eq(leads.externalId, ref.externalId!));
  if (!lead) throw notFound("Lead");
  return lead;
}

async function statusChange(tx: Tx, data: Record<string, unknown>, status: unknown, actor: Actor) {
  const lead = await findLead(tx, data);
  const input = parseInput(
    leadStatusSchema,
    { status, ...pick(data, ["conversionValue", "conversionValueCents"]) },
    "Invalid lead status change",
  );
  const r = await changeLeadStatus(tx, lead.id, input, actor);
  return {
    leadId: r.lead.id,
    leadStatus: r.lead.status,
    referralId: r.referral?.id ?? null,
    referralStatus: r.referral?.status ?? null,
    referralChange: r.referralChange,
  };
}

/**
 * Applies one verified inbound event inside the caller's transaction and returns what it did (stored
 * with the webhook id and answered to repeats). Types we do not handle are kept and ignored, so a CRM
 * that sends more than we need is not retried forever.
 */
export async function applyInboundEvent(
  tx: Tx,
  type: string,
  data: Record<string, unknown>,
  actor: Actor,
): Promise<Record<string, unknown>> {
  switch (type) {
    case "lead.created": {
      const input = parseInput(leadInputSchema, leadBodyOf(data), "Invalid lead");
      const r = await captureLead(tx, input, { actor, channel: "WEBHOOK" });
      return {
        leadId: r.lead.id,
        merged: r.merged,
        referralId: r.referral?.id ?? null,
        referralStatus: r.referral?.status ?? null,
        rejectionReason: r.referral?.rejectionReason ?? null,
      };
    }
    case "lead.status_changed":
      return statusChange(tx, data, data.status, actor);
    case "lead.converted":
      return statusChange(tx, data, "CONVERTED", actor);
    case "policy.issued":
    case "policy.cancelled":
    case "policy.renewed": {
      const lead = await findLead(tx, data);
      const input = parseInput(
        policyEventInputSchema,
        {
          ...pick(data, ["effectiveDate", "termDays", "premiumCents", "policyNumber"]),
          type: POLICY_WEBHOOK_TYPES[type],
        },
        "Invalid policy event",
      );
      const { event, created } = await recordPolicyEvent(tx, lead.id, input, actor, { channel: "WEBHOOK" });
      return { leadId: lead.id, policyEventId: event.id, created, outcome: event.outcome };
    }
    default:
      return { ignored: true, reason: `event type ${type} is not handled` };
  }
}
