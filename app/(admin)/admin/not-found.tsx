import Link from "next/link";

export default function AdminNotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-6">
      <h1 className="text-lg font-semibold">Not found</h1>
      <p className="mt-1 text-sm text-slate-600">That record does not exist or was removed.</p>
      <Link href="/admin" className="mt-4 inline-block text-sm font-medium text-brand-700 hover:underline">
        Back to the console
      </Link>
    </div>
  );
}
