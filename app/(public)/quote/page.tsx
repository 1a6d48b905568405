import { QuotePage } from "@/components/quote/quote-page";

export const metadata = { title: "Get an insurance quote" };

export default function Page(props: PageProps<"/quote">) {
  return <QuotePage searchParams={props.searchParams} />;
}
