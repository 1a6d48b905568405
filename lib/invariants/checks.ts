import { currencyDigits } from "@/lib/fx/math";

/**
 * The SQL checks of `check:invariants`: each query returns the ids of the rows that break the rule,
 * so a violation can be looked up, not just counted. Any database (PostgreSQL or PGlite) runs them.
 */
export interface InvariantCheck {
  name: string;
  description: string;
  sql: string;
}

const STATUS_EVENT = (table: string, entity: string) => `
  select t.id::text from ${table} t
  where not exists (select 1 from events e where e.entity_type = '${entity}' and e.entity_id = t.id::text and e.to_status = t.status::text)`;

/** A payout's totals per currency of its rewards (from items or from the rewards that point at it). */
const LEGS = (payoutCol: string, amountCol: string, join: string, from: string) => `
  with legs as (select ${payoutCol} as payout_id, r.currency, sum(${amountCol}) as original, count(*) as n
                from ${from} ${join} where ${payoutCol} is not null group by ${payoutCol}, r.currency)`;

/** A currency's minor-unit decimals, as the app counts them (lib/fx/math.ts `currencyDigits`). */
const NON_2_DIGITS = new Map<number, string[]>();
for (const c of Intl.supportedValuesOf("currency")) {
  const d = currencyDigits(c);
  if (d !== 2) NON_2_DIGITS.set(d, [...(NON_2_DIGITS.get(d) ?? []), c]);
}
const DIGITS = (col: string) =>
  `(case ${[...NON_2_DIGITS].map(([d, cs]) => `when ${col} in (${cs.map((c) => `'${c}'`).join(", ")}) then ${d}`).join(" ")} else 2 end)`;

export const CHECKS: InvariantCheck[] = [
  {
    name: "payout_amount_equals_items",
    description:
      "Every payout's amount is its items in its own currency plus its conversions, and its reward count the count of its items",
    sql: `${LEGS("i.payout_id", "i.amount_cents", "join rewards r on r.id = i.reward_id", "payout_items i")}
          select p.id::text from payouts p left join legs l on l.payout_id = p.id
          left join payout_conversions c on c.payout_id = p.id and c.from_currency = l.currency
          group by p.id
          having p.amount_cents <> coalesce(sum(case when l.currency = p.currency then l.original else c.converted_cents end), 0)
              or p.reward_count <> coalesce(sum(l.n), 0)
              or coalesce(bool_or(l.currency <> p.currency and c.payout_id is null), false)`,
  },
  {
    name: "payout_conversion_at_stored_rate",
    description:
      "Every payout conversion is the total of the payout's items in that currency × the stored rate, rounded half to even once, into the payout's currency",
    sql: `select c.payout_id::text from payout_conversions c join payouts p on p.id = c.payout_id
          left join lateral (select sum(i.amount_cents) as total from payout_items i join rewards r on r.id = i.reward_id
                             where i.payout_id = c.payout_id and r.currency = c.from_currency) t on true
          cross join lateral (select c.original_cents::numeric * c.rate
                                     * power(10::numeric, ${DIGITS("c.to_currency")} - ${DIGITS("c.from_currency")}) as x) e
          where c.to_currency <> p.currency
             or c.original_cents is distinct from t.total
             or c.converted_cents <> sign(e.x) * (floor(abs(e.x)) + case
                  when abs(e.x) - floor(abs(e.x)) > 0.5 or (abs(e.x) - floor(abs(e.x)) = 0.5 and mod(floor(abs(e.x)), 2) = 1)
                  then 1 else 0 end)`,
  },
  {
    name: "payout_amount_equals_rewards",
    description:
      "Every pending or paid payout's amount equals the rewards it holds (in its currency, plus its conversions)",
    sql: `${LEGS("r.payout_id", "r.amount_cents", "", "rewards r")}
          select p.id::text from payouts p left join legs l on l.payout_id = p.id
          left join payout_conversions c on c.payout_id = p.id and c.from_currency = l.currency
          where p.status <> 'FAILED' group by p.id
          having p.amount_cents <> coalesce(sum(case when l.currency = p.currency then l.original else c.converted_cents end), 0)
              or p.reward_count <> coalesce(sum(l.n), 0)
              or coalesce(bool_or(l.currency <> p.currency and (c.payout_id is null or c.original_cents <> l.original)), false)`,
  },
  {
    name: "reward_in_two_payouts",
    description: "No reward is covered by two payouts that did not fail, whatever their currencies",
    sql: `select i.reward_id::text from payout_items i join payouts p on p.id = i.payout_id
          where p.status <> 'FAILED' group by i.reward_id having count(*) > 1
          union all
          select r.id::text from rewards r where r.payout_id is not null
            and not exists (select 1 from payout_items i where i.payout_id = r.payout_id and i.reward_id = r.id)`,
  },
  {
    name: "paid_reward_in_paid_payout",
    description: "A reward is PAID exactly when it sits in a PAID payout; rewards in pending payouts are APPROVED",
    sql: `select r.id::text from rewards r left join payouts p on p.id = r.payout_id
          where (r.status = 'PAID') <> (p.status is not distinct from 'PAID')
             or (p.status = 'PENDING' and r.status <> 'APPROVED')
             or p.status = 'FAILED'`,
  },
  {
    name: "paid_rewards_match_paid_referrals",
    description: "A conversion reward is PAID exactly when its referral is PAID",
    sql: `select r.id::text from rewards r join referrals f on f.id = r.referral_id
          where r.type = 'CONVERSION' and (r.status = 'PAID') <> (f.status = 'PAID')
          union all
          select f.id::text from referrals f where f.status = 'PAID'
            and not exists (select 1 from rewards r where r.referral_id = f.id and r.type = 'CONVERSION' and r.status = 'PAID')`,
  },
  {
    name: "converted_referral_has_one_reward",
    description: "Every CONVERTED or PAID referral has its conversion reward, and only those referrals have one",
    sql: `select f.id::text from referrals f left join rewards r on r.referral_id = f.id and r.type = 'CONVERSION'
          where (f.status in ('CONVERTED', 'PAID')) <> (r.id is not null)`,
  },
  {
    name: "conversion_reward_amount",
    description: "A calculated conversion reward equals base × rate, rounded half to even to the cent",
    sql: `select id::text from (
            select id, amount_cents, div(base_cents::numeric * rate_bps, 10000) as q, mod(base_cents::numeric * rate_bps, 10000) as m
            from rewards where type = 'CONVERSION' and amount_cents is not null) x
          where amount_cents <> q + case when m > 5000 or (m = 5000 and mod(q, 2) = 1) then 1 else 0 end`,
  },
  {
    name: "negative_reward_is_admin_clawback",
    description: "No negative reward except a clawback created by an admin",
    sql: `select id::text from rewards where amount_cents < 0 and (type <> 'CLAWBACK' or created_by is null)`,
  },
  {
    name: "partner_status_has_event",
    description: "Every partner's current status was written with an event",
    sql: STATUS_EVENT("partners", "partner"),
  },
  {
    name: "referral_status_has_event",
    description: "Every referral's current status was written with an event",
    sql: STATUS_EVENT("referrals", "referral"),
  },
  {
    name: "reward_status_has_event",
    description: "Every reward's current status was written with an event",
    sql: STATUS_EVENT("rewards", "reward"),
  },
  {
    name: "payout_status_has_event",
    description: "Every payout's current status was written with an event",
    sql: STATUS_EVENT("payouts", "payout"),
  },
  {
    name: "lead_status_has_event",
    description: "Every lead's current status was written with an event",
    sql: STATUS_EVENT("leads", "lead"),
  },
  {
    name: "one_current_code",
    description: "Every partner has exactly one current referral code",
    sql: `select p.id::text from partners p left join partner_codes c on c.partner_id = p.id and c.is_current group by p.id having count(c.id) <> 1`,
  },
];
