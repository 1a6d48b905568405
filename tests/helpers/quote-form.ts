import { formDataToObject } from "@/lib/actions/safe-action";
import { CURRENT_CONSENT_VERSION } from "@/lib/leads/consent-text";

let n = 0;

/**
 * The quote form's fields as the browser posts them (FormData, consent ticked, a unique e-mail), read back as the
 * server action reads them; the caller parses them with `quoteFormSchema`.
 */
export function quoteFormFields(fields: Record<string, string> = {}) {
  const fd = new FormData();
  const defaults = {
    insuranceType: "AUTO",
    firstName: "Fran",
    lastName: "Form",
    email: `fran${++n}.${Date.now()}@example.com`,
    phone: "",
    state: "",
    zip: "",
    message: "",
    consent: "on",
    consentTextVersion: CURRENT_CONSENT_VERSION,
  };
  for (const [k, v] of Object.entries({ ...defaults, ...fields })) fd.set(k, v);
  return formDataToObject(fd);
}
