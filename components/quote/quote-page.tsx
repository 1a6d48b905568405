import { cookies } from "next/headers";
import { connection } from "next/server";
import { getDb } from "@/db";
import type { InsuranceType } from "@/db/schema/enums";
import { currentAttribution } from "@/lib/attribution/current";
import { REF_COOKIE } from "@/lib/attribution/ref-cookie-value";
import { getSettings } from "@/lib/settings";
import { submitQuote } from "@/app/(public)/quote/actions";
import { CURRENT_CONSENT_VERSION, consentText } from "@/lib/leads/consent-text";
import { QuoteForm } from "./quote-form";

type SearchParams = Record<string, string | string[] | undefined>;

function toParams(sp: SearchParams): URLSearchParams {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(sp)) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) params.set(k, first);
  }
  return params;
}

/** The quote form page, shared by `/quote` and `/quote/{insuranceType}`. */
export async function QuotePage({
  searchParams,
  insuranceType,
}: {
  searchParams: Promise<SearchParams>;
  insuranceType?: InsuranceType;
}) {
  await connection();
  const db = await getDb();
  const settings = await getSettings(db);
  const query = toParams(await searchParams);
  const attribution = await currentAttribution(db, settings, query, (await cookies()).get(REF_COOKIE)?.value);

  const hidden: Record<string, string> = {};
  if (attribution) {
    hidden.referralCode = attribution.code;
    if (attribution.source) hidden.source = attribution.source;
    if (attribution.sub) hidden.subId = attribution.sub;
    // utm_source → utmSource: the lead body's names.
    for (const [k, v] of Object.entries(attribution.utm))
      hidden[k.replace(/_(\w)/, (_, c: string) => c.toUpperCase())] = v;
  }
  const referredBy = attribution?.lookup.valid ? attribution.lookup.displayName : null;
  const typeLabel = insuranceType ? insuranceType.charAt(0) + insuranceType.slice(1).toLowerCase() : null;

  return (
    <main className="mx-auto flex w-full max-w-xl flex-col gap-6 px-4 py-8 sm:py-12">
      <header className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-brand-700">{settings.businessName}</p>
        <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">
          {typeLabel ? `Get a ${typeLabel.toLowerCase()} insurance quote` : "Get an insurance quote"}
        </h1>
        <p className="text-slate-600">
          Tell us a little about yourself and a licensed agent will get back to you with your options. It takes about a
          minute.
        </p>
        {referredBy ? (
          <p className="w-fit rounded-full bg-brand-50 px-3 py-1 text-sm text-brand-900" data-testid="referred-by">
            Referred by {referredBy}
          </p>
        ) : null}
      </header>
      <QuoteForm
        action={submitQuote}
        initial={{ values: insuranceType ? { insuranceType } : {}, errors: {} }}
        consentText={consentText(settings.businessName) ?? ""}
        consentVersion={CURRENT_CONSENT_VERSION}
        hidden={hidden}
      />
    </main>
  );
}
