import pino, { type Logger } from "pino";
import { env } from "@/lib/env";

/**
 * The process's JSON logger (pino: one JSON object per line on stdout), level from LOG_LEVEL (default "info").
 * No personal data: every string logged is passed through `maskPersonalData` (e-mail addresses and phone
 * numbers), whatever field it is in (docs/operations.md#logs).
 */
const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
/**
 * Seven or more digits, optionally grouped by spaces, dots, dashes or parentheses, with an optional "+", and not
 * part of a word (ids such as UUIDs and request ids keep their digits).
 */
const PHONE = /(?<![\w-])\+?\d[\d\s().-]{5,}\d(?![\w-])/g;

export function maskPersonalData(text: string): string {
  return text
    .replace(EMAIL, (_m, first: string, domain: string) => `${first}***@${domain}`)
    .replace(PHONE, (m) => {
      const digits = m.replace(/\D/g, "");
      return digits.length >= 7 ? `***${digits.slice(-2)}` : m;
    });
}

function masked(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return maskPersonalData(value);
  if (depth > 4 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { type: value.name, message: maskPersonalData(value.message) };
  if (Array.isArray(value)) return value.map((v) => masked(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, masked(v, depth + 1)]));
}

const g = globalThis as unknown as { __rpLog?: Logger };

export function log(): Logger {
  g.__rpLog ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => masked(object) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === "string" ? maskPersonalData(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  });
  return g.__rpLog;
}
