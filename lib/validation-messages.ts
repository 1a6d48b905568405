import { z } from "zod";
import { enumLabel } from "@/lib/enum-label";

/** Field names whose words are not just the name split at capitals. */
const LABELS: Record<string, string> = {
  email: "E-mail",
  zip: "ZIP code",
  npn: "National Producer Number",
  insuranceType: "Type of insurance",
  consentConfirmed: "The prospect's agreement",
  consent: "Consent",
  confirmPassword: "The password confirmation",
  newPassword: "The new password",
  currentPassword: "The current password",
  partnerId: "Partner",
  referralId: "Referral",
  leadId: "Lead",
  amountCents: "Amount",
  minimumCents: "Minimum",
  transactionId: "Transaction id",
  csv: "The file",
};

/** A field path as people name it: `lead.firstName` → "First name", `items.2.amount` → "Amount". */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string {
  const last = [...(path ?? [])].reverse().find((p) => typeof p === "string");
  if (!last) return "This value";
  if (LABELS[last]) return LABELS[last];
  const words = last.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  boolean: "yes or no",
  date: "a date",
  array: "a list",
  object: "a group of fields",
};
const FORMAT_WORDS: Record<string, string> = {
  email: "a valid e-mail address",
  uuid: "a valid id",
  url: "a web address",
  date: "a date (YYYY-MM-DD)",
  datetime: "a date and time",
  regex: "in the expected format",
};

/**
 * The words for zod's default messages (a schema's own messages always win): every issue names its
 * field and says what to do, e.g. "First name is required" instead of "Invalid input: expected string,
 * received undefined". Installed below as zod's default for every parse in the process (the form
 * doors, the API and the domain's own parses); the doors import this module so it is always loaded.
 */
export const humanError: z.core.$ZodErrorMap = (iss) => {
  const field = fieldLabel(iss.path);
  switch (iss.code) {
    case "invalid_type":
      if (iss.input === undefined || iss.input === null || iss.expected === "nonoptional")
        return `${field} is required`;
      return `${field} must be ${TYPE_WORDS[iss.expected] ?? iss.expected}`;
    case "too_small": {
      const n = Number(iss.minimum);
      if (iss.origin === "string") return n <= 1 ? `${field} is required` : `${field} must be at least ${n} characters`;
      if (iss.origin === "array" || iss.origin === "set") return `${field}: choose at least ${n}`;
      return iss.inclusive === false ? `${field} must be more than ${n}` : `${field} must be at least ${n}`;
    }
    case "too_big": {
      const n = Number(iss.maximum);
      if (iss.origin === "string") return `${field} must be at most ${n} characters`;
      if (iss.origin === "array" || iss.origin === "set") return `${field}: at most ${n} at a time`;
      return `${field} must be at most ${n}`;
    }
    case "invalid_format":
      return `${field} must be ${FORMAT_WORDS[iss.format] ?? "in the expected format"}`;
    case "invalid_value":
      return iss.values.length === 1
        ? `${field} must be ${String(iss.values[0])}`
        : `${field}: choose one of ${iss.values.map((v) => (typeof v === "string" ? enumLabel(v) : String(v))).join(", ")}`;
    case "not_multiple_of":
      return `${field} must be a multiple of ${String(iss.divisor)}`;
    case "unrecognized_keys":
      return "Unknown field";
    default:
      return `${field} is not valid`;
  }
};

z.config({ customError: humanError });
