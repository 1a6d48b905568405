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

export const CHECKS: InvariantCheck[] = [
  {
    name: "payout_amount_equals_items",
    description: "Every payout's amount and reward count equal the sum and count of its payout items",
    sql: `select p.id::text from payouts p left join payout_items i on i.payout_id = p.id
          group by p.id having p.amount_cents <> coalesce(sum(i.amount_cents), 0) or p.reward_count <> count(i.reward_id)`,
  },
  {
    name: "payout_amount_equals_rewards",
    description: "Every pending or paid payout's amount equals the sum of the rewards it holds",
    sql: `select p.id::text from payouts p left join rewards r on r.payout_id = p.id
          where p.status <> 'FAILED' group by p.id having p.amount_cents <> coalesce(sum(r.amount_cents), 0) or p.reward_count <> count(r.id)`,
  },
  {
    name: "reward_in_two_payouts",
    description: "No reward is covered by two payouts that did not fail",
    sql: `select i.reward_id::text from payout_items i join payouts p on p.id = i.payout_id
          where p.status <> 'FAILED' group by i.reward_id having count(*) > 1`,
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
