import { sql } from "drizzle-orm";
import { NextResponse } from "next/server";
import { getDbHandle } from "@/db";
import { env } from "@/lib/env";
import pkg from "@/package.json";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const { db, driver } = await getDbHandle();
    await db.execute(sql`select 1`);
    return NextResponse.json({ status: "ok", db: driver, version: pkg.version });
  } catch {
    return NextResponse.json(
      { status: "unavailable", db: env().DATABASE_URL ? "postgres" : "pglite", version: pkg.version },
      { status: 503 },
    );
  }
}
