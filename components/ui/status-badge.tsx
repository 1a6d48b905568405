import type { ReactNode } from "react";
import { enumLabel } from "@/lib/enum-label";
import { cn } from "./cn";

type Tone = "gray" | "blue" | "green" | "amber" | "red" | "purple" | "teal";

const TONES: Record<Tone, string> = {
  gray: "bg-slate-100 text-slate-800 ring-slate-300",
  blue: "bg-blue-50 text-blue-800 ring-blue-200",
  green: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  amber: "bg-amber-50 text-amber-900 ring-amber-200",
  red: "bg-red-50 text-red-800 ring-red-200",
  purple: "bg-violet-50 text-violet-800 ring-violet-200",
  teal: "bg-teal-50 text-teal-800 ring-teal-200",
};

/**
 * Colour per enum value across every status enum (partner, lead, referral, reward, payout, delivery,
 * job). Values shared between enums mean the same thing everywhere (PENDING waits, PAID is done).
 */
const TONE_BY_STATUS: Record<string, Tone> = {
  ACTIVE: "green",
  INACTIVE: "gray",
  SUSPENDED: "amber",
  TERMINATED: "red",
  NEW: "blue",
  CONTACTED: "blue",
  QUALIFIED: "teal",
  QUOTED: "purple",
  CONVERTED: "purple",
  LOST: "gray",
  PENDING: "amber",
  ACCEPTED: "teal",
  REJECTED: "red",
  PAID: "green",
  EXPIRED: "gray",
  VALID: "green",
  UNVERIFIED: "amber",
  CALCULATED: "blue",
  APPROVED: "teal",
  CANCELLED: "red",
  FAILED: "red",
  SUCCEEDED: "green",
  SENT: "green",
  CAPTURED: "blue",
  ABANDONED: "gray",
  ADMIN: "purple",
  PARTNER: "blue",
  OK: "green",
  ENABLED: "green",
  RUNNING: "amber",
  DISABLED: "red",
};

export const statusLabel = enumLabel;

/** A status as a coloured pill; the text carries the meaning, colour only repeats it. No status reads "—". */
export function StatusBadge({
  status,
  label,
  className,
}: {
  status: string | null | undefined;
  label?: string;
  className?: string;
}) {
  if (!status) return <span className="text-slate-600">—</span>;
  const tone = TONE_BY_STATUS[status.toUpperCase()] ?? "gray";
  return (
    <span
      className={cn(
        "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset",
        TONES[tone],
        className,
      )}
      data-status={status}
    >
      {label ?? statusLabel(status)}
    </span>
  );
}

/** A plain pill for a label that is not a status (an achievement, a tag), in one of the status tones. */
export function Badge({
  children,
  tone = "blue",
  className,
}: {
  children: ReactNode;
  tone?: Tone;
  className?: string;
}) {
  return (
    <span
      className={cn(
        "inline-flex items-center whitespace-nowrap rounded-full px-2.5 py-0.5 text-sm font-medium ring-1 ring-inset",
        TONES[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/** A status with the reason for it under it (a rejection, a failure, a suspension), for table cells. */
export function StatusWithNote({
  status,
  label,
  note,
  noteClassName = "text-slate-500",
}: {
  status: string;
  label?: string;
  note: ReactNode;
  noteClassName?: string;
}) {
  return (
    <>
      <StatusBadge status={status} label={label} />
      {note ? <span className={cn("block text-xs", noteClassName)}>{note}</span> : null}
    </>
  );
}
