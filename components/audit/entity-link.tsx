import Link from "next/link";

const PATHS: Record<string, string> = {
  partner: "/admin/partners/",
  referral: "/admin/referrals/",
  lead: "/admin/leads/",
  payout: "/admin/payouts/",
};

/** Links an audit entity to its admin page when it has one. */
export function EntityLink({ type, id, children }: { type: string; id: string; children?: React.ReactNode }) {
  const base = PATHS[type];
  const label = children ?? (
    <>
      {type} <span className="font-mono text-xs">{id.length > 12 ? `${id.slice(0, 8)}…` : id}</span>
    </>
  );
  if (!base || !/^[0-9a-f-]{36}$/i.test(id)) return <span>{label}</span>;
  return (
    <Link href={`${base}${id}`} className="text-brand-700 hover:underline">
      {label}
    </Link>
  );
}
