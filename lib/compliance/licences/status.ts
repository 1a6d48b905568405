import type { InsuranceType } from "@/db/schema/enums";
import type { LicenceLine } from "@/db/schema/licences";
import { DAY_MS } from "@/lib/clock";

/**
 * The line of authority a lead needs (docs/compliance.md#licences): life and health insurance →
 * LIFE_HEALTH; auto, home and commercial → PROPERTY_CASUALTY; OTHER names no line, so only a licence
 * holding both lines covers it.
 */
export function lineOfInsuranceType(t: InsuranceType | null): LicenceLine | null {
  switch (t) {
    case "LIFE":
    case "HEALTH":
      return "LIFE_HEALTH";
    case "AUTO":
    case "HOME":
    case "COMMERCIAL":
      return "PROPERTY_CASUALTY";
    default:
      return null;
  }
}

export type LicenceReason = "LICENSED" | "NO_LICENCE" | "LINE_NOT_COVERED" | "UNVERIFIED" | "EXPIRED";

export interface LicenceStatus {
  licensed: boolean;
  reason: LicenceReason;
  licenceId: string | null;
  number: string | null;
  expiresOn: string | null;
}

/** The fields of a licence row the status reads. */
export interface LicenceRowLike {
  id: string;
  state: string;
  number: string | null;
  lines: LicenceLine[];
  expiresOn: string | null;
  verifiedAt: Date | null;
  createdAt: Date;
  supersededAt: Date | null;
}

/** The first moment a licence no longer counts: the day after its expiry date, 00:00 UTC. */
export const expiryEnd = (expiresOn: string): Date => new Date(Date.parse(`${expiresOn}T00:00:00Z`) + DAY_MS);

/** A row was on file at `at`: written before it and not yet replaced. */
export const onFileAt = (r: Pick<LicenceRowLike, "createdAt" | "supersededAt">, at: Date) =>
  r.createdAt <= at && (r.supersededAt === null || r.supersededAt > at);

/**
 * Whether the licences say the partner could be paid as licensed at `at` for a lead in `state` needing
 * `line` (null = OTHER: both lines). Expired counts as unlicensed from the day after the expiry date;
 * unverified counts as unlicensed until the verification's time. Pure: `licenceStatusAt` loads the rows.
 */
export function statusFromLicences(
  rows: LicenceRowLike[],
  state: string,
  line: LicenceLine | null,
  at: Date,
): LicenceStatus {
  const row = rows.find((r) => r.state === state && onFileAt(r, at));
  const of = (reason: LicenceReason): LicenceStatus => ({
    licensed: reason === "LICENSED",
    reason,
    licenceId: row?.id ?? null,
    number: row?.number ?? null,
    expiresOn: row?.expiresOn ?? null,
  });
  if (!row) return of("NO_LICENCE");
  const covers = line ? row.lines.includes(line) : row.lines.length === 2;
  if (!covers) return of("LINE_NOT_COVERED");
  if (!row.verifiedAt || row.verifiedAt > at) return of("UNVERIFIED");
  if (!row.expiresOn || expiryEnd(row.expiresOn) <= at) return of("EXPIRED");
  return of("LICENSED");
}

const LINE_WORDS: Record<LicenceLine, string> = {
  LIFE_HEALTH: "life and health",
  PROPERTY_CASUALTY: "property and casualty",
};

/** "no licence in NY", "licence in NY expired on 2026-01-31", … for explanations. */
export function describeLicenceStatus(s: LicenceStatus, state: string, line: LicenceLine | null): string {
  switch (s.reason) {
    case "LICENSED":
      return `licensed in ${state}`;
    case "NO_LICENCE":
      return `no licence in ${state}`;
    case "LINE_NOT_COVERED":
      return `the ${state} licence does not cover ${line ? LINE_WORDS[line] : "both lines"}`;
    case "UNVERIFIED":
      return `the ${state} licence is not verified`;
    case "EXPIRED":
      return `the ${state} licence expired on ${s.expiresOn ?? "an unknown date"}`;
  }
}
