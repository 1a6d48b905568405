import "server-only";
import type { DbOrTx } from "@/db";
import { cleanParam, utmFrom, type Utm } from "@/lib/attribution/clicks";
import type { Settings } from "@/lib/settings";
import { lookupCode, type CodeLookup } from "./lookup";
import { decodeRef, looksLikeCode } from "./ref-cookie-value";

export interface Attribution {
  code: string;
  lookup: CodeLookup;
  sub: string | null;
  utm: Utm;
  /** An explicit `source` parameter; the engine maps it (or else `utm_source`) to a referral source. */
  source: string | null;
}

/**
 * Who referred this visitor: `?ref=` on the page wins over the cookie (the last clicked link);
 * the cookie counts only inside the attribution window. Null when there is no code at all.
 */
export async function currentAttribution(
  db: DbOrTx,
  settings: Settings,
  query: URLSearchParams,
  cookieValue: string | undefined,
): Promise<Attribution | null> {
  const fromQuery = looksLikeCode(query.get("ref"));
  const cookie = decodeRef(cookieValue, settings.attributionWindowDays);
  const useCookie = !fromQuery && cookie !== null;
  const code = fromQuery ?? cookie?.code ?? null;
  if (!code) return null;
  const queryUtm = utmFrom(query);
  const utm = Object.keys(queryUtm).length > 0 || !useCookie ? queryUtm : (cookie?.utm ?? {});
  return {
    code,
    lookup: await lookupCode(db, code),
    sub: cleanParam(query.get("sub")) ?? (useCookie ? (cookie?.sub ?? null) : null),
    utm,
    source: cleanParam(query.get("source")),
  };
}
