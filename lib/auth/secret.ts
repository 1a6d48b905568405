import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The signing secret for sessions and API tokens. Production needs AUTH_SECRET (next-auth then reports
 * MissingSecret); `npm start` generates one into .data/auth-secret. In development and tests a secret is
 * generated into the same file on first use, so `next dev` works without setup and nothing is committed.
 */
export function authSecret(): string | undefined {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  if (process.env.NODE_ENV === "production") return undefined;
  const file = path.join(process.cwd(), ".data", "auth-secret");
  try {
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    }
  } catch {
    // Another process created it first: read theirs.
  }
  process.env.AUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  return process.env.AUTH_SECRET;
}
