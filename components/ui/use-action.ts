"use client";
import { useRouter } from "next/navigation";
import { useCallback, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

export type Outcome = { kind: "success" | "error"; message: string; fieldErrors?: Record<string, string> } | null;

/**
 * The one way a client component runs a server action (one made with lib/actions/safe-action.ts): pending
 * state, the success or error message (show it with `Notice`), field errors, the data of the last success
 * (a secret shown once, a created id), and a refresh of the server components so the page shows the new state.
 */
export function useAction<I, T>(
  action: (prev: null, input: I) => Promise<ActionResult<T>>,
  opts: { success?: string | ((data: T) => string); refresh?: boolean } = {},
) {
  const [pending, startTransition] = useTransition();
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [data, setData] = useState<T | null>(null);
  const router = useRouter();
  const run = useCallback(
    (input: I): Promise<ActionResult<T> | null> =>
      new Promise((resolve) => {
        startTransition(async () => {
          try {
            const res = await action(null, input);
            setData(res.ok ? res.data : null);
            if (res.ok) {
              const msg = typeof opts.success === "function" ? opts.success(res.data) : (opts.success ?? "Saved.");
              setOutcome({ kind: "success", message: msg });
              if (opts.refresh !== false) router.refresh();
            } else {
              setOutcome({ kind: "error", message: res.error, fieldErrors: res.fieldErrors });
            }
            resolve(res);
          } catch {
            setData(null);
            setOutcome({
              kind: "error",
              message: "The request failed. Check your connection and try again; nothing was changed.",
            });
            resolve(null);
          }
        });
      }),
    [action, opts, router],
  );
  return { run, pending, outcome, setOutcome, data };
}

export const fieldError = (o: Outcome, key: string) => o?.fieldErrors?.[key];
