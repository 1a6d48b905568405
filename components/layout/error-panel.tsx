"use client";

import Link from "next/link";
import { useEffect } from "react";
import { buttonClass } from "@/components/ui/button";

/** Body of an `error.tsx` boundary: says what happened, offers a retry and a way back. */
export function ErrorPanel({
  error,
  reset,
  homeHref,
  homeLabel,
}: {
  error: Error & { digest?: string };
  reset: () => void;
  homeHref: string;
  homeLabel: string;
}) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-lg flex-col items-start gap-3 rounded-lg border border-red-200 bg-white p-6"
    >
      <h1 className="text-xl font-semibold">Something went wrong</h1>
      <p className="text-sm text-slate-700">
        This page could not be loaded. Your data is safe; try again, or go back and continue from there.
      </p>
      {error.digest && <p className="text-xs text-slate-500">Reference: {error.digest}</p>}
      <div className="flex gap-2">
        <button type="button" onClick={reset} className={buttonClass("primary")}>
          Try again
        </button>
        <Link href={homeHref} className={buttonClass("secondary")}>
          {homeLabel}
        </Link>
      </div>
    </div>
  );
}
