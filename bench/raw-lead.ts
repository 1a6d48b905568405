import type { Sql } from "postgres";

/**
 * The database work of one `POST /api/v1/leads` with an API key and a referral code, as raw SQL on
 * postgres.js: the baseline the HTTP path is compared with. The same statements, in the same order,
 * as lib/api (key lookup, settings once, rate-limit counter) and lib/leads/service.ts captureLead →
 * lib/referrals/attach.ts: identity locks (one statement) and merge-window lookups by e-mail and by phone (pipelined), lead,
 * consent and code → partner (pipelined), ownership check, referral, both audit events (one insert) and
 * the webhook outbox row (pipelined), in one transaction.
 */
export function rawLeadCapture(
  sql: Sql,
  apiKeyPrefix: string,
  codes: string[],
  opts: { notify?: boolean } = {},
): (i: number) => Promise<void> {
  // The app writes the notification row beside the webhook row in the same INSERT (lib/outbox/enqueue.ts);
  // `notify: false` is the capture path as it was before notifications, for bench/notify-ab.ts.
  const notify = opts.notify ?? true;
  return async (i) => {
    const code = codes[i % codes.length];
    const email = `raw-${process.pid}-${i}@prospects.bench.test`;
    const phone = String(5_000_000_000 + i);
    const [key] =
      await sql`select id, role, partner_id, secret_hash, last_used_at from api_keys where prefix = ${apiKeyPrefix} and revoked_at is null`;
    if (!key) throw new Error("no api key");
    // The route's per-IP limit (lib/ratelimit): settings, then one counter row for every request from this IP.
    await sql`select * from settings where id = 1`;
    await sql`insert into rate_limits (key, window_start, count) values ('quote:127.0.0.1', date_trunc('hour', now()), 1)
      on conflict (key, window_start) do update set count = rate_limits.count + 1 returning count`;
    await sql.begin(async (tx) => {
      // Pipelined as the app does: the identity locks, then (in order on the connection) the merge lookup.
      await Promise.all([
        tx`select pg_advisory_xact_lock(hashtext(k)) from (values (${`lead:e:${email}`}), (${`lead:p:${phone}`})) as v(k)`,
        tx`select * from leads where email = ${email} and created_at >= now() - interval '24 hours'
          order by created_at desc limit 1 for update`,
        tx`select * from leads where phone = ${phone} and created_at >= now() - interval '24 hours'
          order by created_at desc limit 1 for update`,
      ]);
      const [lead] =
        await tx`insert into leads (first_name, last_name, email, phone, state, insurance_type, status, status_changed_at)
        values ('Raw', 'Prospect', ${email}, ${phone}, 'CA', 'AUTO', 'NEW', now()) returning *`;
      // Pipelined as the app does: the consent row and the code → partner (+ current code) lookup.
      const [[consent], [partner]] = await Promise.all([
        tx`insert into lead_consents (lead_id, text_version, text_hash, ip, channel)
          values (${lead.id}, 'v1', 'hash', '127.0.0.1', 'API') returning id`,
        tx`select p.*, cur.code as current_code from partner_codes used join partners p on p.id = used.partner_id
          left join partner_codes cur on cur.partner_id = p.id and cur.is_current where used.code = ${code}`,
      ]);
      // A new lead has no referral yet; only the ownership of the same person by another partner is checked.
      await tx`select 1 as n from (select id from leads where email = ${email} union all select id from leads where phone = ${phone}) as same
        cross join lateral (select 1 from referrals r where r.lead_id = same.id
          and r.partner_id <> ${partner.id} and r.status in ('PENDING','ACCEPTED','CONVERTED','PAID')
          and r.created_at >= now() - interval '90 days' limit 1) as owned limit 1`;
      const [ref] =
        await tx`insert into referrals (partner_id, referral_code, lead_id, source, status, currency, expires_at, created_at, updated_at)
        values (${partner.id}, ${code}, ${lead.id}, 'WEBSITE', 'PENDING', ${partner.currency}, now() + interval '90 days', now(), now()) returning *`;
      // The referral's and the lead's audit events in one insert, pipelined with the webhook outbox row.
      await Promise.all([
        tx`insert into events (actor_type, actor_id, entity_type, entity_id, action, to_status, data) values
          ('API_KEY', ${key.id}, 'referral', ${ref.id}, 'referral.created', 'PENDING', ${tx.json({ leadId: lead.id, referralCode: code })}),
          ('API_KEY', ${key.id}, 'lead', ${lead.id}, 'lead.created', 'NEW', ${tx.json({ channel: "API", consentId: consent.id, referralCode: code, referralId: ref.id })})`,
        notify
          ? tx`insert into outbox (topic, event_type, payload) values
              ('webhook', 'referral.created', ${tx.json({ id: ref.id, leadId: lead.id, status: "PENDING" })}),
              ('notify', 'referral.created', ${tx.json({ id: ref.id, leadId: lead.id, status: "PENDING" })})`
          : tx`insert into outbox (topic, event_type, payload) values ('webhook', 'referral.created', ${tx.json({ id: ref.id, leadId: lead.id, status: "PENDING" })})`,
      ]);
    });
  };
}
