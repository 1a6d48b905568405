"use client";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button";

/** A secret shown once, with a copy button; it is not stored anywhere the page can show again. */
export function SecretOnce({ label, secret }: { label: string; secret: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium text-amber-900">{label}: copy it now, it will not be shown again.</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          data-testid="secret-once"
          className="rounded bg-white px-2 py-1 font-mono text-xs break-all ring-1 ring-amber-200"
        >
          {secret}
        </code>
        <button
          type="button"
          className={buttonClass("secondary", "sm")}
          onClick={() =>
            navigator.clipboard?.writeText(secret).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
    </div>
  );
}
