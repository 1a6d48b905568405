import "server-only";
import { connection } from "next/server";
import { getDb, type Db } from "@/db";
import { pick, type SearchParams } from "@/components/ui/url";
import { requireAdmin, type SessionUser } from "@/lib/auth/session";

/**
 * The start of every console page: the admin check, a dynamic render (the page reads the database at
 * request time) and the database handle.
 */
export async function adminPage(): Promise<{ user: SessionUser; db: Db }> {
  const user = await requireAdmin();
  await connection();
  return { user, db: await getDb() };
}

/** `adminPage` for a list: the search params too, and the first value of each key the list reads (`raw`). */
export async function adminListPage(
  searchParams: Promise<SearchParams>,
  keys: readonly string[],
): Promise<{ db: Db; sp: SearchParams; raw: Record<string, string> }> {
  const { db } = await adminPage();
  const sp = await searchParams;
  return { db, sp, raw: pick(sp, keys) };
}
