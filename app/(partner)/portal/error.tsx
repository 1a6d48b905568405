"use client";

import { ErrorPanel } from "@/components/layout/error-panel";

export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel error={error} reset={reset} homeHref="/portal" homeLabel="Back to the dashboard" />;
}
