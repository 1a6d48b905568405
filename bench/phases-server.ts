import type { BenchContext } from "./context";

/** Phases against the app in production mode (filled in as the routes land). */
export async function serverPhases(ctx: BenchContext): Promise<void> {
  ctx.report.notes.push("server phases not implemented yet");
}
