import Link from "next/link";

export const metadata = { title: "Thank you" };

export default function ThanksPage() {
  return (
    <main className="mx-auto flex w-full max-w-xl flex-col gap-4 px-4 py-12">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Thank you, we have your request</h1>
      <p className="text-slate-700">
        A licensed agent will review your details and contact you shortly, usually within one business day, with your
        quote options.
      </p>
      <p className="text-slate-600">
        Nothing to pay and no obligation. If you did not mean to send this request, just tell the agent when they call.
      </p>
      <p>
        {/* The site's home page is the partner program's; a prospect's way on is another quote. */}
        <Link href="/quote" className="font-medium text-brand-700 underline hover:no-underline">
          Request a quote for another insurance
        </Link>
      </p>
    </main>
  );
}
