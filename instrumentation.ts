export async function register() {
  // The one environment read outside lib/env.ts: Next replaces NEXT_RUNTIME at build time, which drops
  // the Node-only import below from the edge build (docs/operations.md#environment).
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootOrExit } = await import("./db/boot");
  await bootOrExit();
}
