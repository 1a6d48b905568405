"use client";

import { useState } from "react";
import { buttonClass, type ButtonVariant } from "./button";

/** Copies `value` to the clipboard; says so in a live region. */
export function CopyButton({
  value,
  label = "Copy",
  variant = "secondary",
  className,
}: {
  value: string;
  label?: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 2000);
  }
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className={buttonClass(variant, "sm", className)} data-copy-value={value}>
        {label}
      </button>
      <span role="status" className="text-xs text-slate-600">
        {state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select the text and copy it by hand" : ""}
      </span>
    </span>
  );
}
