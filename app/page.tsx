import Link from "next/link";

export default function Home() {
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-10 px-6 py-16">
      <header className="flex items-center justify-between">
        <span className="text-lg font-semibold text-brand-900">Acme Insurance Quotes · Partners</span>
        <nav aria-label="Account" className="flex gap-4 text-sm">
          <Link className="font-medium text-brand-700 hover:underline" href="/login">
            Log in
          </Link>
          <Link className="font-medium text-brand-700 hover:underline" href="/signup">
            Become a partner
          </Link>
        </nav>
      </header>
      <section className="flex flex-col gap-4">
        <h1 className="text-4xl font-bold tracking-tight">Refer people who need insurance. Get paid when they buy.</h1>
        <p className="max-w-2xl text-lg text-slate-600">
          Our partner program lets agents, brokers, comparison sites and affiliates share a referral link, track every
          quote request it brings in, and earn a commission on each policy sold, with transparent statuses and payouts.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link className="rounded-md bg-brand-600 px-5 py-3 font-semibold text-white hover:bg-brand-700" href="/quote">
            Get an insurance quote
          </Link>
          <Link
            className="rounded-md border border-slate-300 bg-white px-5 py-3 font-semibold hover:bg-slate-100"
            href="/login"
          >
            Partner log in
          </Link>
        </div>
      </section>
      <section aria-labelledby="how" className="grid gap-6 sm:grid-cols-3">
        <h2 id="how" className="sr-only">
          How it works
        </h2>
        {[
          [
            "Share your link",
            "Every partner gets a code like JOHDOE1234 and a link that remembers who referred the visitor.",
          ],
          [
            "Leads become policies",
            "Each quote request is recorded with consent evidence and follows its lead to the sale.",
          ],
          [
            "Commission, on time",
            "Rewards are computed from your rate on conversion, approved by the team and paid out monthly.",
          ],
        ].map(([title, text]) => (
          <div key={title} className="rounded-lg border border-slate-200 bg-white p-5">
            <h3 className="font-semibold">{title}</h3>
            <p className="mt-2 text-sm text-slate-600">{text}</p>
          </div>
        ))}
      </section>
    </main>
  );
}
