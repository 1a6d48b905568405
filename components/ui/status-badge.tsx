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
  CALCULATED: "blue",
  APPROVED: "teal",
  CANCELLED: "red",
  FAILED: "red",
  SUCCEEDED: "green",
  ABANDONED: "gray",
  ADMIN: "purple",
  PARTNER: "blue",
};

export const statusLabel = enumLabel;

export function StatusBadge({ status, label, className }: { status: string; label?: string; className?: string }) {
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
