/** Colour-blind-friendly series colours (Okabe–Ito), in a fixed order. */
export const SERIES = ["#1d5fd6", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#7f7f7f"];

export const compactMoney = (currency: string) => {
  const f = new Intl.NumberFormat("en-US", { style: "currency", currency, notation: "compact", maximumFractionDigits: 1 });
  return (cents: number) => f.format(cents / 100);
};
export const fullMoney = (currency: string) => {
  const f = new Intl.NumberFormat("en-US", { style: "currency", currency });
  return (cents: number) => f.format(cents / 100);
};
export const count = new Intl.NumberFormat("en-US");
