"use client";
import Link from "next/link";
import { useEffect } from "react";

/** Error boundary for the console: says what happened and offers a way back. */
export default function AdminError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div className="rounded-lg border border-rose-200 bg-rose-50 p-6">
      <h1 className="text-lg font-semibold text-rose-900">Something went wrong</h1>
      <p className="mt-1 text-sm text-rose-800">
        This page could not be loaded. Nothing was changed.{" "}
        {error.digest ? <span>Reference: {error.digest}</span> : null}
      </p>
      <div className="mt-4 flex gap-3">
        <button
          type="button"
          onClick={reset}
          className="rounded-md bg-rose-700 px-4 py-2 text-sm font-semibold text-white hover:bg-rose-800"
        >
          Try again
        </button>
        <Link
          href="/admin"
          className="rounded-md border border-rose-300 bg-white px-4 py-2 text-sm font-semibold text-rose-900 hover:bg-rose-100"
        >
          Back to the console
        </Link>
      </div>
    </div>
  );
}
