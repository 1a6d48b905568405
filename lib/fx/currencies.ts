// The currencies a partner can choose to be paid in: the euro and every currency of the ECB's daily
// reference rates (so a rate can be imported for each), plus a few the program pays often. Client-safe.

export const PAYOUT_CURRENCIES = [
  "AUD",
  "BGN",
  "BRL",
  "CAD",
  "CHF",
  "CNY",
  "CZK",
  "DKK",
  "EUR",
  "GBP",
  "HKD",
  "HUF",
  "IDR",
  "ILS",
  "INR",
  "ISK",
  "JPY",
  "KRW",
  "MXN",
  "MYR",
  "NOK",
  "NZD",
  "PHP",
  "PLN",
  "RON",
  "SEK",
  "SGD",
  "THB",
  "TRY",
  "USD",
  "ZAR",
] as const;

const names = new Intl.DisplayNames("en", { type: "currency" });

/** `EUR — Euro`: the options of a payout-currency select. */
export const currencyOptions = (codes: readonly string[] = PAYOUT_CURRENCIES) =>
  codes.map((c) => ({ value: c, label: `${c} — ${names.of(c) ?? c}` }));
