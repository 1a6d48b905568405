/**
 * E-mail categories. `account` (invitation, password reset, application decisions, password changed) is
 * always sent; every other category can be turned off by its recipient, in the portal or console or
 * through the one-click unsubscribe link of any message of that category.
 */
export const PARTNER_CATEGORIES = ["referrals", "rewards", "payouts"] as const;
export const ADMIN_CATEGORIES = ["applications", "digest"] as const;
export const OPTIONAL_CATEGORIES = [...PARTNER_CATEGORIES, ...ADMIN_CATEGORIES] as const;
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];
export type MailCategory = "account" | OptionalCategory;

export const CATEGORY_LABEL: Record<MailCategory, string> = {
  account: "Account and security",
  referrals: "New and converted referrals",
  rewards: "Rewards approved, cancelled or clawed back; bonuses earned and tiers reached",
  payouts: "Payouts sent or failed",
  applications: "New partner applications",
  digest: "Daily digest",
};

export const isOptionalCategory = (c: string): c is OptionalCategory =>
  (OPTIONAL_CATEGORIES as readonly string[]).includes(c);
