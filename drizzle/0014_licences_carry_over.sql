-- Each state in partners.licensed_states becomes a licence row: both lines (the old list did not say which),
-- no number or expiry on file, and unverified, so it counts as unlicensed until an admin verifies it.
-- Nothing changes for rewards: every state rule ships switched off (docs/compliance.md#licences).
INSERT INTO partner_licences (partner_id, state, lines, evidence_note, created_by)
SELECT DISTINCT p.id, upper(s.state), ARRAY['LIFE_HEALTH', 'PROPERTY_CASUALTY']::licence_line[],
  'Carried over from licensedStates; not verified', 'migration'
FROM partners p, unnest(p.licensed_states) AS s(state)
WHERE upper(s.state) ~ '^[A-Z]{2}$';
