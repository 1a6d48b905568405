"use client";

import { useRouter } from "next/navigation";
import { createContext, useContext, useEffect } from "react";
import { TIME_ZONE_COOKIE } from "./date-format";

const Zone = createContext("UTC");

/** The zone dates render in: the viewer's once the browser has reported it, UTC before. */
export function useTimeZone(): string {
  return useContext(Zone);
}

/**
 * Provides the render zone, and reports the browser's own zone in a cookie when it differs, then
 * re-renders once, so the server renders later pages in the viewer's zone from the start.
 */
export function TimeZoneProvider({ zone, children }: { zone: string; children: React.ReactNode }) {
  const router = useRouter();
  useEffect(() => {
    const own = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!own || own === zone) return;
    document.cookie = `${TIME_ZONE_COOKIE}=${encodeURIComponent(own)}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [zone, router]);
  return <Zone.Provider value={zone}>{children}</Zone.Provider>;
}
