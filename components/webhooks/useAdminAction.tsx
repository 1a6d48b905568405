"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/webhooks/action-result";

/** Runs a server action, keeps its last result, and refreshes the server components on success. */
export function useAdminAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const run = (input: I) =>
    start(async () => {
      try {
        const r = await action(input);
        setResult(r);
        if (r.ok) router.refresh();
      } catch {
        setResult({ ok: false, error: "The request failed; nothing was changed. Try again." });
      }
    });
  return { run, pending, result, setResult };
}

export function ResultMessage({ result, success }: { result: ActionResult<unknown> | null; success?: string }) {
  if (!result) return null;
  if (result.ok)
    return success ? (
      <p role="status" className="text-sm text-green-800">
        {success}
      </p>
    ) : null;
  return (
    <p role="alert" className="text-sm text-red-700">
      {result.error}
    </p>
  );
}
