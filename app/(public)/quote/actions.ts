"use server";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { HONEYPOT_FIELD, QUOTE_FIELDS, type QuoteFormState } from "@/components/quote/form-state";
import { actionStarted, badActionArguments } from "@/lib/actions/request-state";
import { publicAction } from "@/lib/actions/safe-action";
import { isHttpsHeaders } from "@/lib/attribution/cookie";
import { DEVICE_COOKIE, deviceCookieOptions, deviceIdFrom, newDeviceId } from "@/lib/attribution/device";
import { REF_COOKIE } from "@/lib/attribution/ref-cookie-value";
import { captureQuote, quoteFormSchema } from "@/lib/leads/quote-submit";

const capture = publicAction(quoteFormSchema, async (input, { db, actor }) => {
  const [jar, h] = await Promise.all([cookies(), headers()]);
  // The device cookie is normally set by the link click; a visitor without one gets it here.
  let deviceId = deviceIdFrom(jar.get(DEVICE_COOKIE)?.value);
  if (!deviceId) {
    deviceId = newDeviceId();
    jar.set(DEVICE_COOKIE, deviceId, deviceCookieOptions(isHttpsHeaders(h)));
  }
  const lead = await captureQuote(db, input, {
    actor,
    headers: h,
    refCookie: jar.get(REF_COOKIE)?.value,
    deviceId,
  });
  return { id: lead.id };
});

/** The quote form's action: same schema as POST /api/v1/leads; on success the thank-you page. */
export async function submitQuote(_prev: QuoteFormState, form: FormData): Promise<QuoteFormState> {
  actionStarted();
  if (!(form instanceof FormData)) {
    badActionArguments();
    return { values: {}, errors: {}, formError: "This request was not sent by the quote form." };
  }
  const values: Record<string, string> = {};
  for (const f of [...QUOTE_FIELDS, "consent"]) {
    const v = form.get(f);
    if (typeof v === "string") values[f] = v;
  }
  // Bots fill the invisible field: answer as if all went well and keep nothing.
  const honeypot = form.get(HONEYPOT_FIELD);
  form.delete(HONEYPOT_FIELD);
  if (typeof honeypot === "string" && honeypot.trim() !== "") redirect("/quote/thanks");

  const result = await capture(null, form);
  if (result.ok) redirect("/quote/thanks");
  const errors: Record<string, string> = {};
  // "consent.given" → "consent": errors sit next to the form control that fixes them.
  for (const [path, message] of Object.entries(result.fieldErrors ?? {})) errors[path.split(".")[0]] ??= message;
  return { values, errors, formError: Object.keys(errors).length ? undefined : result.error };
}
