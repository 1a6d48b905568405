// `npm run check:invariants`: runs the SQL invariants against DATABASE_URL or the embedded database,
// prints each check and the total, and exits 1 when anything is violated.
import { checkInvariants, totalViolations } from "@/lib/invariants";
import { openCliDb, runCli } from "./cli-db";

runCli("check:invariants", async () => {
  const handle = await openCliDb("check:invariants");
  const results = await checkInvariants(handle.db);
  await handle.close();
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const sample = r.sample.length ? `  e.g. ${r.sample.join(", ")}` : "";
    console.log(
      `${r.violations === 0 ? "ok  " : "FAIL"} ${r.name.padEnd(width)}  ${String(r.violations).padStart(6)}  ${r.description}${sample}`,
    );
  }
  const total = totalViolations(results);
  console.log(`${total} violation${total === 1 ? "" : "s"}`);
  return total > 0 ? 1 : 0;
});
