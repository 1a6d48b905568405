import { notFound } from "next/navigation";
import { QuotePage } from "@/components/quote/quote-page";
import type { InsuranceType } from "@/db/schema/enums";

const TYPES: Record<string, InsuranceType> = {
  auto: "AUTO",
  home: "HOME",
  life: "LIFE",
  health: "HEALTH",
  commercial: "COMMERCIAL",
};

export async function generateMetadata(props: PageProps<"/quote/[insuranceType]">) {
  const type = TYPES[(await props.params).insuranceType.toLowerCase()];
  return { title: type ? `Get a ${type.toLowerCase()} insurance quote` : "Get an insurance quote" };
}

export default async function Page(props: PageProps<"/quote/[insuranceType]">) {
  const type = TYPES[(await props.params).insuranceType.toLowerCase()];
  if (!type) notFound();
  return <QuotePage searchParams={props.searchParams} insuranceType={type} />;
}
