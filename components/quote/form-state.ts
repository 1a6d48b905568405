/** What the quote form's server action answers: typed values kept, errors by field name. */
export interface QuoteFormState {
  values: Record<string, string>;
  errors: Record<string, string>;
  /** A message about the whole form (rate limit, unexpected failure). */
  formError?: string;
}

export const QUOTE_FIELDS = [
  "insuranceType",
  "firstName",
  "lastName",
  "email",
  "phone",
  "state",
  "zip",
  "message",
] as const;
export type QuoteField = (typeof QUOTE_FIELDS)[number];

/** Name of the honeypot input: invisible to people, tempting to bots. */
export const HONEYPOT_FIELD = "website";

export const INSURANCE_OPTIONS = [
  ["AUTO", "Auto"],
  ["HOME", "Home"],
  ["LIFE", "Life"],
  ["HEALTH", "Health"],
  ["COMMERCIAL", "Commercial"],
  ["OTHER", "Something else"],
] as const;

export const US_STATES = [
  "AL",
  "AK",
  "AZ",
  "AR",
  "CA",
  "CO",
  "CT",
  "DE",
  "DC",
  "FL",
  "GA",
  "HI",
  "ID",
  "IL",
  "IN",
  "IA",
  "KS",
  "KY",
  "LA",
  "ME",
  "MD",
  "MA",
  "MI",
  "MN",
  "MS",
  "MO",
  "MT",
  "NE",
  "NV",
  "NH",
  "NJ",
  "NM",
  "NY",
  "NC",
  "ND",
  "OH",
  "OK",
  "OR",
  "PA",
  "RI",
  "SC",
  "SD",
  "TN",
  "TX",
  "UT",
  "VT",
  "VA",
  "WA",
  "WV",
  "WI",
  "WY",
] as const;
