import type { Sql } from "postgres";

/**
 * The database work of one `POST /api/v1/leads` with an API key and a referral code, as raw SQL on
 * postgres.js: the baseline the HTTP path is compared with. The same statements, in the same order,
 * as lib/api (key lookup) and lib/leads/service.ts captureLead → lib/referrals/attach.ts: identity
 * locks, merge-window lookup, lead + consent, code → partner, live-referral and ownership checks,
 * settings, referral, audit events and the webhook outbox row, in one transaction.
 */
export function rawLeadCapture(sql: Sql, apiKeyPrefix: string, codes: string[]): (i: number) => Promise<void> {
  return async (i) => {
    const code = codes[i % codes.length];
    const email = `raw-${process.pid}-${i}@prospects.bench.test`;
    const phone = String(5_000_000_000 + i);
    const [key] = await sql`select id, role, partner_id, secret_hash, last_used_at from api_keys where prefix = ${apiKeyPrefix} and revoked_at is null`;
    if (!key) throw new Error("no api key");
    // The route's per-IP limit (lib/ratelimit): settings, then one counter row for every request from this IP.
    await sql`select * from settings where id = 1`;
    await sql`insert into rate_limits (key, window_start, count) values ('quote:127.0.0.1', date_trunc('hour', now()), 1)
      on conflict (key, window_start) do update set count = rate_limits.count + 1 returning count`;
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext(${`lead:e:${email}`}))`;
      await tx`select pg_advisory_xact_lock(hashtext(${`lead:p:${phone}`}))`;
      await tx`select * from leads where (email = ${email} or phone = ${phone}) and created_at >= now() - interval '24 hours'
        order by created_at desc limit 1 for update`;
      const [lead] = await tx`insert into leads (first_name, last_name, email, phone, state, insurance_type, status, status_changed_at)
        values ('Raw', 'Prospect', ${email}, ${phone}, 'CA', 'AUTO', 'NEW', now()) returning *`;
      const [consent] = await tx`insert into lead_consents (lead_id, text_version, text_hash, ip, channel)
        values (${lead.id}, 'v1', 'hash', '127.0.0.1', 'API') returning id`;
      const [c] = await tx`select partner_id from partner_codes where code = ${code}`;
      const [partner] = await tx`select * from partners where id = ${c.partner_id}`;
      await tx`select partner_id from referrals where lead_id = ${lead.id} and status <> 'REJECTED'`;
      await tx`select * from settings where id = 1`;
      await tx`select 1 as n from referrals r join leads l on l.id = r.lead_id
        where r.partner_id <> ${partner.id} and r.status in ('PENDING','ACCEPTED','CONVERTED','PAID')
          and r.created_at >= now() - interval '90 days' and (l.email = ${email} or l.phone = ${phone}) limit 1`;
      await tx`select * from settings where id = 1`;
      const [ref] = await tx`insert into referrals (partner_id, referral_code, lead_id, source, status, currency, expires_at, created_at, updated_at)
        values (${partner.id}, ${code}, ${lead.id}, 'WEBSITE', 'PENDING', ${partner.currency}, now() + interval '90 days', now(), now()) returning *`;
      await tx`insert into events (actor_type, actor_id, entity_type, entity_id, action, to_status, data)
        values ('API_KEY', ${key.id}, 'referral', ${ref.id}, 'referral.created', 'PENDING', ${tx.json({ leadId: lead.id, referralCode: code })})`;
      await tx`insert into outbox (topic, event_type, payload) values ('webhook', 'referral.created', ${tx.json({ id: ref.id, leadId: lead.id, status: "PENDING" })})`;
      await tx`insert into events (actor_type, actor_id, entity_type, entity_id, action, to_status, data)
        values ('API_KEY', ${key.id}, 'lead', ${lead.id}, 'lead.created', 'NEW', ${tx.json({ channel: "API", consentId: consent.id, referralCode: code })})`;
    });
  };
}
