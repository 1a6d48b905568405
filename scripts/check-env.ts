// Parses the environment with lib/env.ts and exits 1 with its message (naming the variable) when a value
// is bad. `npm start` runs it in a child process, so the server process itself never loads tsx's hooks
// (they break Next's loading of next.config.ts in the server scripts/server.mjs starts).
import { EnvError, readEnv } from "../lib/env";

try {
  readEnv(process.env);
} catch (e) {
  if (!(e instanceof EnvError)) throw e;
  console.error(`[start] ${e.message}`);
  process.exit(1);
}
