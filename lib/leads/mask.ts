/**
 * What a partner may see of the people it referred: enough to recognise them, not to contact them
 * outside the program. First name + last initial, `j***@example.com`, `***-***-7890`.
 */

export function maskName(firstName: string, lastName: string): { firstName: string; lastName: string } {
  const initial = [...lastName.trim()][0];
  return { firstName: firstName.trim(), lastName: initial ? `${initial.toUpperCase()}.` : "" };
}

export function maskEmail(email: string | null | undefined): string | null {
  if (!email) return null;
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  const first = [...email.slice(0, at)][0];
  return `${first}***${email.slice(at)}`;
}

export function maskPhone(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/\D/g, "");
  if (digits.length < 4) return "***-***-****";
  return `***-***-${digits.slice(-4)}`;
}

export interface LeadContact {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

/** The lead's contact fields as a partner sees them. */
export function maskLead<T extends LeadContact>(lead: T): T {
  return {
    ...lead,
    ...maskName(lead.firstName, lead.lastName),
    email: maskEmail(lead.email),
    phone: maskPhone(lead.phone),
  };
}
