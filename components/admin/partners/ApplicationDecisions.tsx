"use client";
import { createContext, useContext, useState } from "react";
import { Notice } from "@/components/ui/notice";
import type { Outcome } from "@/components/ui/use-action";

const Announce = createContext<(outcome: Outcome) => void>(() => {});

/**
 * Holds the confirmation of the last approve/decline above the list: the decided row leaves the
 * applications view on refresh, so a message inside the row would vanish with it.
 */
export function ApplicationDecisions({ children }: { children: React.ReactNode }) {
  const [outcome, setOutcome] = useState<Outcome>(null);
  return (
    <Announce value={setOutcome}>
      <Notice outcome={outcome} />
      {children}
    </Announce>
  );
}

export const useAnnounceDecision = () => useContext(Announce);
