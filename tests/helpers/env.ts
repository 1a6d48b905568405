import { reloadEnv } from "@/lib/env";

/**
 * Sets (undefined: removes) environment variables and parses lib/env.ts's configuration again, as a
 * restart with those variables would. The app parses the environment once, so assigning to
 * `process.env` alone changes nothing after the first read.
 */
export function setEnv(vars: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  reloadEnv();
}
