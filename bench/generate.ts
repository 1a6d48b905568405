import type { Sql } from "postgres";
import { INSURANCE_TYPES, PAYMENT_METHODS, REFERRAL_SOURCES } from "@/db/schema/enums";
import { seededRandom, type Rng } from "@/lib/random";
import { CopySink, createIndexes, dropIndexes } from "./copy";

/**
 * The benchmark's data set, from a seeded generator, loaded with COPY while secondary indexes are
 * dropped and triggers are off (rebuilt afterwards): partners with a skewed (Zipf-like) share of the
 * referrals, referrals over `days` days with one lead each, clicks, rewards in every status, payouts.
 */
export interface GenerateOptions {
  partners: number;
  referrals: number;
  days: number;
  seed: number;
  /** The newest timestamp (referrals fall in the `days` before it). */
  end: Date;
}

export interface Generated {
  rows: Record<string, number>;
  /** Partner codes by rank: index 0 is the largest partner. */
  codes: string[];
  partnerIds: string[];
  /** Referrals of the largest partner. */
  largestPartnerReferrals: number;
  calculatedRewards: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
export const uid = (tag: number, n: number): string =>
  `${tag.toString(16).padStart(8, "0")}-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;
const TAG = {
  partner: 0xb0000001,
  code: 0xb0000002,
  lead: 0xb0000003,
  referral: 0xb0000004,
  click: 0xb0000005,
  extraClick: 0xb0000006,
  reward: 0xb0000007,
  bonus: 0xb0000008,
  payout: 0xb0000009,
};
const iso = (ms: number): string => new Date(ms).toISOString();

const FIRST = [
  "Olivia",
  "Liam",
  "Emma",
  "Noah",
  "Ava",
  "Mateo",
  "Sofia",
  "Lucas",
  "Mia",
  "Ethan",
  "Zoe",
  "Aarav",
  "Grace",
  "Hiro",
  "Isabel",
  "Jonas",
];
const LAST = [
  "Martinez",
  "Nguyen",
  "Johnson",
  "Okafor",
  "Schmidt",
  "Patel",
  "Rossi",
  "Kowalski",
  "Brown",
  "Garcia",
  "Dubois",
  "Silva",
  "Tanaka",
  "Walker",
];
const STATES = ["CA", "TX", "FL", "NY", "IL", "PA", "OH", "GA", "NC", "MI"];
const SOURCE_WEIGHTS = [40, 15, 15, 10, 5, 12, 3];
const LOADED = [
  "partners",
  "partner_codes",
  "leads",
  "referrals",
  "referral_clicks",
  "rewards",
  "payouts",
  "payout_items",
];

/** Cumulative weights ∝ 1/(rank+1)^0.7: the largest partner has a few percent of all referrals. */
function zipf(n: number): (rng: Rng) => number {
  const cum: number[] = [];
  let s = 0;
  for (let i = 0; i < n; i++) cum.push((s += 1 / Math.pow(i + 1, 0.7)));
  return (rng) => {
    const x = rng.next() * s;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

function weighted<T>(items: readonly T[], weights: number[]): (rng: Rng) => T {
  const sum = weights.reduce((a, b) => a + b, 0);
  return (rng) => {
    let x = rng.next() * sum;
    for (let i = 0; i < items.length; i++) if ((x -= weights[i]) < 0) return items[i];
    return items[items.length - 1];
  };
}

/** A referral's life cycle given its age: old pending ones expired, recent ones not yet paid. */
function lifeCycle(rng: Rng, ageDays: number): string {
  if (ageDays < 2) return rng.pick(["PENDING", "PENDING", "ACCEPTED", "REJECTED"]);
  const s = weighted(["PENDING", "ACCEPTED", "REJECTED", "CONVERTED", "PAID", "EXPIRED"], [8, 22, 10, 18, 22, 20])(rng);
  if (s === "EXPIRED" && ageDays < 90) return "ACCEPTED";
  if (s === "PENDING" && ageDays >= 90) return "EXPIRED";
  if (s === "PAID" && ageDays < 30) return "CONVERTED";
  return s;
}

export async function generate(sql: Sql, o: GenerateOptions): Promise<Generated> {
  const rng = seededRandom(o.seed);
  const end = o.end.getTime();
  const pickPartner = zipf(o.partners);
  const pickSource = weighted(REFERRAL_SOURCES, SOURCE_WEIGHTS);
  const saved = await dropIndexes(sql, LOADED);
  const [{ rolsuper }] = await sql<{ rolsuper: boolean }[]>`select rolsuper from pg_roles where rolname = current_user`;
  if (!rolsuper)
    throw new Error(
      "the benchmark loads with session_replication_role = replica: connect as a superuser (DATABASE_URL)",
    );
  const open = (table: string, cols: string[]) => CopySink.open(sql, table, cols, true);

  const partnerIds: string[] = [];
  const codes: string[] = [];
  const rates: number[] = [];
  const methods: string[] = [];
  const partners = await open("partners", [
    "id",
    "first_name",
    "last_name",
    "email",
    "company_name",
    "status",
    "commission_rate_bps",
    "payout_method",
    "created_via",
    "approved_at",
    "created_at",
    "updated_at",
  ]);
  const partnerCodes = await open("partner_codes", ["id", "partner_id", "code", "is_current", "created_at"]);
  for (let i = 0; i < o.partners; i++) {
    const id = uid(TAG.partner, i);
    const created = iso(end - (o.days + 30) * DAY + i * 60_000);
    // The largest partners are active; a few of the rest are not.
    const status = i < 50 ? "ACTIVE" : weighted(["ACTIVE", "INACTIVE", "SUSPENDED", "TERMINATED"], [92, 4, 2, 2])(rng);
    rates.push(rng.pick([500, 750, 1000, 1250, 1500, 2000]));
    methods.push(rng.pick(PAYMENT_METHODS.filter((m) => m !== "OTHER")));
    const code = `BENCH${i.toString().padStart(5, "0")}`;
    partnerIds.push(id);
    codes.push(code);
    partners.row([
      id,
      rng.pick(FIRST),
      rng.pick(LAST),
      `partner${i}@bench.test`,
      i % 3 === 0 ? `Agency ${i}` : null,
      status,
      rates[i],
      methods[i],
      "ADMIN",
      created,
      created,
      created,
    ]);
    partnerCodes.row([uid(TAG.code, i), id, code, true, created]);
  }

  const sinks = {
    leads: await open("leads", [
      "id",
      "first_name",
      "last_name",
      "email",
      "phone",
      "state",
      "zip",
      "insurance_type",
      "status",
      "conversion_value_cents",
      "status_changed_at",
      "created_at",
      "updated_at",
    ]),
    referrals: await open("referrals", [
      "id",
      "partner_id",
      "referral_code",
      "lead_id",
      "click_id",
      "source",
      "status",
      "rejection_reason",
      "conversion_value_cents",
      "expires_at",
      "accepted_at",
      "rejected_at",
      "converted_at",
      "paid_at",
      "expired_at",
      "created_at",
      "updated_at",
    ]),
    clicks: await open("referral_clicks", [
      "id",
      "partner_id",
      "code",
      "valid",
      "invalid_reason",
      "landing_url",
      "utm_source",
      "created_at",
    ]),
    rewards: await open("rewards", [
      "id",
      "partner_id",
      "referral_id",
      "type",
      "amount_cents",
      "rate_bps",
      "base_cents",
      "status",
      "hold_until",
      "reason",
      "calculated_at",
      "approved_at",
      "approved_by",
      "paid_at",
      "payment_method",
      "transaction_id",
      "payout_id",
      "cancelled_at",
      "cancel_reason",
      "created_at",
      "updated_at",
    ]),
    items: await open("payout_items", ["payout_id", "reward_id", "amount_cents"]),
  };
  const payouts = new Map<string, { id: string; partner: number; amount: number; count: number; paidAt: number }>();
  let largest = 0;
  let calculated = 0;
  let extraClicks = 0;
  for (let i = 0; i < o.referrals; i++) {
    const age = o.days * (1 - Math.sqrt(rng.next())); // a growing program: more referrals lately
    const created = end - age * DAY;
    const p = pickPartner(rng);
    if (p === 0) largest++;
    const status = lifeCycle(rng, age);
    const converted = status === "CONVERTED" || status === "PAID";
    const accepted = status === "ACCEPTED" || converted ? created + rng.int(1, 48) * HOUR : null;
    const convertedAt = converted ? Math.min(accepted! + rng.int(1, 40 * 24) * HOUR, end - HOUR) : null;
    const paidAt = status === "PAID" ? Math.min(convertedAt! + rng.int(3, 30) * DAY, end - HOUR) : null;
    const value = converted ? rng.int(200, 6000) * 100 : null;
    const leadId = uid(TAG.lead, i);
    const refId = uid(TAG.referral, i);
    const leadStatus = converted
      ? "CONVERTED"
      : status === "REJECTED" || status === "EXPIRED"
        ? "LOST"
        : status === "ACCEPTED"
          ? rng.pick(["CONTACTED", "QUALIFIED", "QUOTED"])
          : "NEW";
    const changed = iso(paidAt ?? convertedAt ?? accepted ?? created);
    sinks.leads.row([
      leadId,
      rng.pick(FIRST),
      rng.pick(LAST),
      `lead${i}@prospects.bench.test`,
      String(2_000_000_000 + i),
      rng.pick(STATES),
      String(10_000 + (i % 89_999)),
      rng.pick(INSURANCE_TYPES),
      leadStatus,
      value,
      changed,
      iso(created),
      changed,
    ]);
    let clickId: string | null = null;
    if (rng.chance(0.6)) {
      clickId = uid(TAG.click, i);
      sinks.clicks.row([
        clickId,
        partnerIds[p],
        codes[p],
        true,
        null,
        "/quote",
        rng.chance(0.3) ? "newsletter" : null,
        iso(created - rng.int(1, 600) * 1000),
      ]);
    }
    if (rng.chance(0.6)) {
      const valid = rng.chance(0.95);
      const at = created - rng.int(1, 72) * HOUR;
      sinks.clicks.row([
        uid(TAG.extraClick, extraClicks++),
        valid ? partnerIds[p] : null,
        valid ? codes[p] : "NOSUCHCODE",
        valid,
        valid ? null : "UNKNOWN_CODE",
        "/",
        null,
        iso(at),
      ]);
    }
    sinks.referrals.row([
      refId,
      partnerIds[p],
      codes[p],
      leadId,
      clickId,
      pickSource(rng),
      status,
      status === "REJECTED" ? rng.pick(["DUPLICATE_LEAD", "LEAD_LOST", "SELF_REFERRAL"]) : null,
      value,
      iso(created + 90 * DAY),
      accepted && iso(accepted),
      status === "REJECTED" ? iso(created + HOUR) : null,
      convertedAt && iso(convertedAt),
      paidAt && iso(paidAt),
      status === "EXPIRED" ? iso(created + 90 * DAY) : null,
      iso(created),
      changed,
    ]);
    if (converted) {
      const rstatus =
        status === "PAID" ? "PAID" : weighted(["PENDING", "CALCULATED", "APPROVED", "CANCELLED"], [3, 45, 40, 12])(rng);
      const amount = rstatus === "PENDING" ? null : Math.round((value! * rates[p]) / 10_000);
      const rewardId = uid(TAG.reward, i);
      let payoutId: string | null = null;
      if (rstatus === "PAID") {
        const month = iso(paidAt!).slice(0, 7);
        const key = `${p}|${month}`;
        const po = payouts.get(key) ?? {
          id: uid(TAG.payout, payouts.size),
          partner: p,
          amount: 0,
          count: 0,
          paidAt: 0,
        };
        payouts.set(key, po);
        po.amount += amount!;
        po.count++;
        po.paidAt = Math.max(po.paidAt, paidAt!);
        payoutId = po.id;
        sinks.items.row([po.id, rewardId, amount]);
      }
      if (rstatus === "CALCULATED") calculated++;
      const approvedAt = rstatus === "APPROVED" || rstatus === "PAID" ? iso(convertedAt! + DAY) : null;
      sinks.rewards.row([
        rewardId,
        partnerIds[p],
        refId,
        "CONVERSION",
        amount,
        rates[p],
        value,
        rstatus,
        iso(convertedAt!),
        null,
        rstatus === "PENDING" ? null : iso(convertedAt!),
        approvedAt,
        approvedAt && "bench",
        paidAt && iso(paidAt),
        rstatus === "PAID" ? methods[p] : null,
        null,
        payoutId,
        rstatus === "CANCELLED" ? iso(convertedAt! + DAY) : null,
        rstatus === "CANCELLED" ? "policy cancelled" : null,
        iso(convertedAt!),
        changed,
      ]);
    }
    if (i % 5000 === 0) await Promise.all(Object.values(sinks).map((s) => s.drain()));
  }
  // Manual rewards: bonuses, adjustments and clawbacks for the larger partners.
  for (let i = 0; i < Math.min(o.partners, 200) * 3; i++) {
    const p = i % Math.min(o.partners, 200);
    const type = rng.pick(["BONUS", "ADJUSTMENT", "CLAWBACK"]);
    const at = end - rng.int(1, o.days) * DAY;
    const amount = type === "CLAWBACK" ? -rng.int(500, 5_000) : rng.int(1_000, 20_000);
    const st = rng.pick(["CALCULATED", "APPROVED", "CANCELLED"]);
    sinks.rewards.row([
      uid(TAG.bonus, i),
      partnerIds[p],
      null,
      type,
      amount,
      null,
      null,
      st,
      iso(at),
      `${type.toLowerCase()} for the quarter`,
      iso(at),
      st === "APPROVED" ? iso(at + DAY) : null,
      st === "APPROVED" ? "bench" : null,
      null,
      null,
      null,
      null,
      st === "CANCELLED" ? iso(at + DAY) : null,
      st === "CANCELLED" ? "duplicate" : null,
      iso(at),
      iso(at),
    ]);
  }
  const payoutSink = await open("payouts", [
    "id",
    "partner_id",
    "amount_cents",
    "status",
    "payment_method",
    "transaction_id",
    "reward_count",
    "batch_id",
    "failure_reason",
    "created_by",
    "created_at",
    "updated_at",
    "paid_at",
    "failed_at",
  ]);
  for (const po of payouts.values()) {
    const createdAt = iso(po.paidAt - DAY);
    payoutSink.row([
      po.id,
      partnerIds[po.partner],
      po.amount,
      "PAID",
      methods[po.partner],
      `TX-${po.id.slice(-12)}`,
      po.count,
      null,
      null,
      "bench",
      createdAt,
      iso(po.paidAt),
      iso(po.paidAt),
      null,
    ]);
  }
  // Pending batches and failures (their rewards went back to APPROVED, so they carry no items here).
  for (let i = 0; i < Math.min(o.partners, 100); i++) {
    const failed = i % 4 === 0;
    const at = end - rng.int(1, 20) * DAY;
    payoutSink.row([
      uid(TAG.payout, payouts.size + i),
      partnerIds[i],
      rng.int(5_000, 90_000),
      failed ? "FAILED" : "PENDING",
      methods[i],
      null,
      0,
      null,
      failed ? "account closed" : null,
      "bench",
      iso(at),
      iso(at),
      null,
      failed ? iso(at + DAY) : null,
    ]);
  }
  const rows: Record<string, number> = {};
  rows.partners = await partners.end();
  rows.partner_codes = await partnerCodes.end();
  for (const [name, sink] of Object.entries(sinks)) rows[name] = await sink.end();
  rows.payouts = await payoutSink.end();
  await createIndexes(sql, saved);
  // Visibility maps set now (autovacuum would do it later), so index-only scans skip the heap.
  await sql.unsafe(`vacuum (analyze) ${LOADED.join(", ")}`);
  return { rows, codes, partnerIds, largestPartnerReferrals: largest, calculatedRewards: calculated };
}
