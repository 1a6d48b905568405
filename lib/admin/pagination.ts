import { z } from "zod";

/** Page inputs shared by the admin lists (CONTRACT: default 20, at most 100; larger is refused). */
export const pageInput = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "pageSize is at most 100").default(20),
};

export interface Pagination {
  page: number;
  pageSize: number;
  total: number;
  nextCursor: string | null;
}

export interface Page<T> {
  data: T[];
  pagination: Pagination;
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const BARE = /^\d{4}-\d{2}-\d{2}$/;
const isoString = z
  .string()
  .trim()
  .refine((s) => ISO.test(s) && !Number.isNaN(Date.parse(s)), "Must be an ISO date (YYYY-MM-DD) or date-time");

/** Start of a range: a bare date means 00:00 UTC that day. */
export const isoFrom = isoString.transform((s) => new Date(s));
/** Exclusive end of a range: a bare date includes that whole day (UTC). */
export const isoTo = isoString.transform((s) => new Date(Date.parse(s) + (BARE.test(s) ? 86_400_000 : 0)));
