import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configuredOrigin, ENV_VARIABLES, EnvError, readEnv } from "@/lib/env";

const root = path.resolve(import.meta.dirname, "../..");

function problemsOf(source: Record<string, string>): string[] {
  try {
    readEnv(source);
  } catch (e) {
    if (e instanceof EnvError) return e.problems;
    throw e;
  }
  return [];
}

describe("lib/env.ts", () => {
  it("takes the defaults from an empty environment, and treats blank values as unset", () => {
    const expected = {
      NODE_ENV: "development",
      PORT: 3000,
      WEB_CONCURRENCY: 1,
      SERVER_WORKER: 0,
      JOBS: true,
      WEBHOOKS_ALLOW_PRIVATE: false,
      TRUST_PROXY_HOPS: 0,
      LOGIN_ACCOUNT_FAIL_LIMIT: 20,
      API_CREDENTIAL_RATE_LIMIT: 6_000,
      API_CREDENTIAL_RATE_WINDOW_SECONDS: 600,
      LOG_LEVEL: "info",
    };
    expect(readEnv({})).toEqual(expected);
    expect(readEnv({ PORT: "", JOBS: " ", DATABASE_URL: "", SEED_DEMO: "" })).toEqual(expected);
  });

  it("parses good values into their types and ignores variables it does not know", () => {
    const e = readEnv({
      NODE_ENV: "production",
      PORT: " 8080 ",
      DATABASE_URL: "postgresql://app:pw@db.internal:5432/referrals",
      PGLITE_DIR: "/var/lib/referrals",
      SEED_DEMO: "1",
      AUTH_SECRET: "s3cret",
      AUTH_TRUST_HOST: "TRUE",
      AUTH_URL: "https://auth.example.com/api/auth",
      APP_URL: "https://partners.example.com",
      JOBS: "Off",
      RATE_LIMIT_QUOTE: "1000",
      RATE_LIMIT_LOGIN: "7",
      RATE_LIMIT_LOGIN_IP: "50",
      RATE_LIMIT_CODE: "60",
      IP_HASH_SALT: "salt",
      WEBHOOKS_ALLOW_PRIVATE: "1",
      HOME: "/root",
    });
    expect(e).toMatchObject({
      NODE_ENV: "production",
      PORT: 8080,
      DATABASE_URL: "postgresql://app:pw@db.internal:5432/referrals",
      SEED_DEMO: true,
      AUTH_TRUST_HOST: true,
      JOBS: false,
      RATE_LIMIT_QUOTE: 1000,
      RATE_LIMIT_LOGIN: 7,
      WEBHOOKS_ALLOW_PRIVATE: true,
    });
    expect(e).not.toHaveProperty("HOME");
    expect(readEnv({ SEED_DEMO: "0", JOBS: "on" })).toMatchObject({ SEED_DEMO: false, JOBS: true });
  });

  it.each([
    ["PORT", "abc", "PORT: must be a whole number from 1 to 65535"],
    ["PORT", "0", "PORT: must be a whole number from 1 to 65535"],
    ["PORT", "65536", "PORT: must be a whole number from 1 to 65535"],
    ["PORT", "80.5", "PORT: must be a whole number from 1 to 65535"],
    ["NODE_ENV", "prod", "NODE_ENV: must be development, production or test"],
    ["DATABASE_URL", "mysql://db/referrals", "DATABASE_URL: must be a postgres:// URL"],
    ["DATABASE_URL", "postgres://", "DATABASE_URL: must be a postgres:// URL"],
    ["SEED_DEMO", "yes", 'SEED_DEMO: must be "1" or "0"'],
    ["AUTH_TRUST_HOST", "1", 'AUTH_TRUST_HOST: must be "true" or "false"'],
    ["AUTH_URL", "partners.example.com", "AUTH_URL: must be an http(s) URL"],
    ["APP_URL", "ftp://partners.example.com", "APP_URL: must be an http(s) URL"],
    ["JOBS", "of", 'JOBS: must be "on" or "off"'],
    ["RATE_LIMIT_QUOTE", "-1", "RATE_LIMIT_QUOTE: must be a whole number from 1 to 1000000000"],
    ["RATE_LIMIT_LOGIN", "lots", "RATE_LIMIT_LOGIN: must be a whole number from 1 to 1000000000"],
    ["RATE_LIMIT_LOGIN_IP", "0", "RATE_LIMIT_LOGIN_IP: must be a whole number from 1 to 1000000000"],
    ["RATE_LIMIT_CODE", "1e3", "RATE_LIMIT_CODE: must be a whole number from 1 to 1000000000"],
    ["TRUST_PROXY_HOPS", "-1", "TRUST_PROXY_HOPS: must be a whole number from 0 to 10"],
    ["LOGIN_ACCOUNT_FAIL_LIMIT", "0", "LOGIN_ACCOUNT_FAIL_LIMIT: must be a whole number from 1 to 1000000"],
    ["API_CREDENTIAL_RATE_LIMIT", "lots", "API_CREDENTIAL_RATE_LIMIT: must be a whole number from 1 to 1000000000"],
    ["WEBHOOKS_ALLOW_PRIVATE", "true", 'WEBHOOKS_ALLOW_PRIVATE: must be "1" or "0"'],
  ])("%s=%s is refused with a message naming the variable", (name, value, message) => {
    expect(problemsOf({ [name]: value })).toEqual([message]);
  });

  it("names every bad variable at once, and never echoes a value (a URL may hold a password)", () => {
    const problems = problemsOf({ PORT: "abc", JOBS: "maybe", DATABASE_URL: "mysql://u:hunter2@db/x" });
    expect(problems.map((p) => p.split(":")[0]).sort()).toEqual(["DATABASE_URL", "JOBS", "PORT"]);
    expect(problems.join("\n")).not.toContain("hunter2");
  });

  it("takes the public origin from APP_URL, else AUTH_URL, else none (the caller's fallback)", () => {
    const both = readEnv({ APP_URL: "https://partners.example.com/x", AUTH_URL: "https://auth.example.com/api/auth" });
    expect(configuredOrigin(both)).toBe("https://partners.example.com");
    expect(configuredOrigin(readEnv({ AUTH_URL: "https://auth.example.com/api/auth" }))).toBe(
      "https://auth.example.com",
    );
    expect(configuredOrigin(readEnv({}))).toBeUndefined();
  });

  it("npm start stops before building when a variable is bad, naming it", () => {
    const r = spawnSync(process.execPath, ["scripts/start.mjs", "--build-only"], {
      cwd: root,
      env: { ...process.env, PORT: "abc", JOBS: "off" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("PORT: must be a whole number from 1 to 65535");
    expect(r.stdout).not.toContain("building");
  });

  it(".env.example and docs/operations.md list every variable lib/env.ts reads", () => {
    const example = fs.readFileSync(path.join(root, ".env.example"), "utf8");
    const operations = fs.readFileSync(path.join(root, "docs/operations.md"), "utf8");
    const undocumented = ENV_VARIABLES.filter((name) => !example.includes(`${name}=`));
    expect(undocumented).toEqual([]);
    expect(ENV_VARIABLES.filter((name) => !operations.includes(`\`${name}\``))).toEqual([]);
  });
});

/** Code outside lib/env.ts, scripts/, bench/ and the tool config files gets its configuration from lib/env.ts. */
describe("nothing else reads the environment", () => {
  const READS = /process\s*(\.\s*env\b|\[\s*["']env["']\s*\])|from\s+["'](node:)?process["']/;
  // Next replaces NEXT_RUNTIME at build time; instrumentation.ts must test it literally (docs/operations.md).
  const ALLOWED_LINES = new Map([["instrumentation.ts", 'if (process.env.NEXT_RUNTIME !== "nodejs") return;']]);

  function sources(dir: string): string[] {
    return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) => {
      const rel = path.join(dir, d.name);
      if (d.isDirectory()) return sources(rel);
      return /\.(ts|tsx|mts|mjs|js)$/.test(d.name) ? [rel] : [];
    });
  }

  it("has no process.env outside lib/env.ts in app/, lib/, components/, db/ and the root modules", () => {
    const rootModules = fs
      .readdirSync(root)
      .filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f) && !/\.config\.|\.d\.ts$/.test(f));
    const files = [...["app", "lib", "components", "db"].flatMap(sources), ...rootModules];
    expect(files).toContain("proxy.ts");
    expect(files).toContain(path.join("lib", "env.ts"));
    const offenders = files
      .filter((f) => f !== path.join("lib", "env.ts"))
      .flatMap((f) =>
        fs
          .readFileSync(path.join(root, f), "utf8")
          .split("\n")
          .map((line, i) => ({ where: `${f}:${i + 1}`, line: line.trim() }))
          .filter(({ line }) => READS.test(line) && ALLOWED_LINES.get(f) !== line)
          .map(({ where, line }) => `${where}: ${line}`),
      );
    expect(offenders).toEqual([]);
  });
});
