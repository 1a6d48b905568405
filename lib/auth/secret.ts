import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let generated: string | undefined;

/**
 * The signing secret for sessions and API tokens. Production needs AUTH_SECRET (next-auth then reports
 * MissingSecret); `npm start` generates one into .data/auth-secret. In development and tests a secret is
 * generated into the same file on first use, so `next dev` works without setup and nothing is committed.
 */
export function authSecret(): string | undefined {
  const { AUTH_SECRET, NODE_ENV } = env();
  if (AUTH_SECRET) return AUTH_SECRET;
  if (NODE_ENV === "production") return undefined;
  if (generated) return generated;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    }
  } catch {
    // Another process created it first: read theirs.
  }
  generated = fs.readFileSync(file, "utf8").trim();
  return generated;
}
