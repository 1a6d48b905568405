import { z } from "zod";

/** An enum accepted case-insensitively on input ("website" → "WEBSITE"), as CONTRACT.md requires. */
export { enumInput as ciEnum } from "@/lib/validation";

/** A UUID (any version: ids come from PostgreSQL's gen_random_uuid, tests may use others). */
export const uuid = () => z.guid("Must be a UUID");

/** Route params of `[id]` routes. */
export const idParams = z.object({ id: uuid() }).strict();

/** `page`, `pageSize` (default 20, at most 100: larger is refused, not clamped) and `cursor`. */
export const paginationQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, "At most 100").default(20),
  cursor: z.string().max(500).optional(),
};

export interface PageInfo {
  page: number;
  pageSize: number;
  total: number;
  nextCursor: string | null;
}

/** limit/offset for a parsed page. */
export function parsePagination(q: { page: number; pageSize: number }) {
  return { page: q.page, pageSize: q.pageSize, limit: q.pageSize, offset: (q.page - 1) * q.pageSize };
}

/** The list shape of CONTRACT.md: `{ data, pagination: { page, pageSize, total, nextCursor } }`. */
export function paginated<T>(
  data: T[],
  q: { page: number; pageSize: number },
  total: number,
  nextCursor: string | null = null,
) {
  return { data, pagination: { page: q.page, pageSize: q.pageSize, total, nextCursor } satisfies PageInfo };
}
