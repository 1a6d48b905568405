import { REFERRAL_SOURCES, type ReferralSource } from "@/db/schema/enums";

/** Common `utm_source` values that name a channel rather than one of our sources. */
const ALIASES: Record<string, ReferralSource> = {
  WEB: "WEBSITE",
  SITE: "WEBSITE",
  BLOG: "WEBSITE",
  APP: "MOBILE_APP",
  MOBILE: "MOBILE_APP",
  IOS: "MOBILE_APP",
  ANDROID: "MOBILE_APP",
  MAIL: "EMAIL",
  NEWSLETTER: "EMAIL",
  SMS: "PHONE",
  CALL: "PHONE",
  SOCIAL: "SOCIAL_MEDIA",
  FACEBOOK: "SOCIAL_MEDIA",
  INSTAGRAM: "SOCIAL_MEDIA",
  TWITTER: "SOCIAL_MEDIA",
  X: "SOCIAL_MEDIA",
  LINKEDIN: "SOCIAL_MEDIA",
  TIKTOK: "SOCIAL_MEDIA",
  YOUTUBE: "SOCIAL_MEDIA",
  PINTEREST: "SOCIAL_MEDIA",
  REDDIT: "SOCIAL_MEDIA",
};

/**
 * The referral source for a link's `source` / `utm_source`: our enum values case-insensitively
 * (`e-mail`, `social media` too), well-known channel names, otherwise `WEBSITE`.
 */
export function referralSourceFrom(value: string | null | undefined): ReferralSource {
  const key = value
    ?.trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "_")
    .replace(/\./g, "");
  if (!key) return "WEBSITE";
  if ((REFERRAL_SOURCES as readonly string[]).includes(key)) return key as ReferralSource;
  const squashed = key.replace(/_/g, "");
  if (squashed === "EMAIL") return "EMAIL";
  if (squashed === "INPERSON") return "IN_PERSON";
  if (squashed === "SOCIALMEDIA") return "SOCIAL_MEDIA";
  if (squashed === "MOBILEAPP") return "MOBILE_APP";
  return ALIASES[key] ?? ALIASES[squashed.replace(/COM$/, "")] ?? "WEBSITE";
}
