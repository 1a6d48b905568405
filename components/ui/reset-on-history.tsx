"use client";

import { useEffect, useRef } from "react";

/**
 * Put inside a form whose defaults come from the URL (a filter bar). When the page comes back from
 * the browser's history (back/forward cache, or the browser restoring typed values), the controls
 * would show what was last chosen rather than what the URL says; this resets them to the URL's values.
 * Only then: a page opened any other way keeps what the person chose before it finished loading.
 */
export function ResetOnHistory() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form) return;
    const [nav] = performance.getEntriesByType("navigation") as PerformanceNavigationTiming[];
    if (nav?.type === "back_forward") form.reset();
    const onShow = (e: PageTransitionEvent) => {
      if (e.persisted) form.reset();
    };
    window.addEventListener("pageshow", onShow);
    return () => window.removeEventListener("pageshow", onShow);
  }, []);
  return <span ref={ref} hidden />;
}
