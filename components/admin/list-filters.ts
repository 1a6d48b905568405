import type { FilterField } from "@/components/ui/filter-bar";

/** The filters the console's lists share: one partner, and the days a row was created in. */
export const partnerFilter = (partners: { id: string; label: string }[]): FilterField => ({
  name: "partnerId",
  label: "Partner",
  type: "select",
  options: partners.map((p) => ({ value: p.id, label: p.label })),
});

export const CREATED_RANGE: FilterField[] = [
  { name: "from", label: "Created from", type: "date" },
  { name: "to", label: "Created to", type: "date" },
];
