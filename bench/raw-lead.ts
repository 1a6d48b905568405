import type { Sql } from "postgres";

/**
 * The database work of one `POST /api/v1/leads` with an API key and a referral code, written as
 * raw SQL on postgres.js: the baseline the HTTP path is compared with. One transaction, the same
 * statements the app runs: key lookup, code → partner, duplicate-lead check over the ownership
 * window, lead + consent + referral inserts, audit events and the webhook outbox row.
 */
export function rawLeadCapture(sql: Sql, apiKeyPrefix: string, codes: string[]): (i: number) => Promise<void> {
  return async (i) => {
    const code = codes[i % codes.length];
    const email = `raw-${process.pid}-${i}@prospects.bench.test`;
    const phone = String(5_000_000_000 + i);
    await sql.begin(async (tx) => {
      const [key] = await tx`select id, role, partner_id from api_keys where prefix = ${apiKeyPrefix} and revoked_at is null`;
      if (!key) throw new Error("no api key");
      await tx`update api_keys set last_used_at = now() where id = ${key.id} and (last_used_at is null or last_used_at < now() - interval '1 minute')`;
      const [partner] = await tx`select p.id, p.status from partner_codes c join partners p on p.id = c.partner_id where c.code = ${code}`;
      const [dup] = await tx`select id from leads where (email = ${email} or phone = ${phone}) and created_at > now() - interval '90 days' limit 1`;
      if (dup) throw new Error("duplicate");
      const [lead] = await tx`insert into leads (first_name, last_name, email, phone, state, insurance_type)
        values ('Raw', 'Prospect', ${email}, ${phone}, 'CA', 'AUTO') returning id`;
      await tx`insert into lead_consents (lead_id, text_version, text_hash, channel) values (${lead.id}, 'v1', 'hash', 'API')`;
      const [ref] = await tx`insert into referrals (partner_id, referral_code, lead_id, source, expires_at)
        values (${partner.id}, ${code}, ${lead.id}, 'WEBSITE', now() + interval '90 days') returning id`;
      await tx`insert into events (actor_type, actor_id, entity_type, entity_id, action, to_status, after) values
        ('API_KEY', ${key.id}, 'lead', ${lead.id}, 'lead.created', 'NEW', ${tx.json({ email })}),
        ('API_KEY', ${key.id}, 'referral', ${ref.id}, 'referral.created', 'PENDING', ${tx.json({ leadId: lead.id })})`;
      await tx`insert into outbox (topic, event_type, payload) values ('webhook', 'referral.created', ${tx.json({ id: ref.id, leadId: lead.id })})`;
    });
  };
}
