export type ErrorCode =
  | "validation"
  | "unauthorized"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "invalid_state"
  | "idempotency_mismatch"
  | "payload_too_large"
  | "unsupported_media_type"
  | "rate_limited"
  | "internal";

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  validation: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_state: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal: 500,
};

const TITLE_BY_CODE: Record<ErrorCode, string> = {
  validation: "Invalid request",
  unauthorized: "Authentication required",
  forbidden: "Forbidden",
  not_found: "Not found",
  conflict: "Conflict",
  invalid_state: "Invalid state",
  payload_too_large: "Payload too large",
  unsupported_media_type: "Unsupported media type",
  idempotency_mismatch: "Idempotency key reused with a different request",
  rate_limited: "Too many requests",
  internal: "Internal error",
};

export interface FieldError {
  path: string;
  message: string;
}

/** The one error type of the domain: a code mapped to an HTTP status in one table. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly errors: FieldError[];
  readonly retryAfterSeconds?: number;
  /** Extra machine-readable members of the problem body (e.g. `currentStatus`). */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { errors?: FieldError[]; retryAfterSeconds?: number; extra?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.errors = opts.errors ?? [];
    this.retryAfterSeconds = opts.retryAfterSeconds;
    this.extra = opts.extra ?? {};
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  get title(): string {
    return TITLE_BY_CODE[this.code];
  }

  /** RFC 9457 problem details. */
  toProblem(instance?: string) {
    return {
      type: `https://referral.example/problems/${this.code.replace(/_/g, "-")}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...(this.errors.length ? { errors: this.errors } : {}),
      ...this.extra,
    };
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const conflict = (message: string, extra?: Record<string, unknown>) =>
  new AppError("conflict", message, { extra });
export const invalidState = (entity: string, current: string, wanted: string) =>
  new AppError("invalid_state", `${entity} is ${current}; cannot ${wanted}`, { extra: { currentStatus: current } });

/** PostgreSQL error code of a (possibly Drizzle-wrapped) database error. */
export function pgErrorCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint name of a (possibly wrapped) database error. */
export function pgConstraint(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === "object"; i++) {
    const c =
      (cur as { constraint_name?: unknown; constraint?: unknown }).constraint_name ??
      (cur as { constraint?: unknown }).constraint;
    if (typeof c === "string") return c;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export const isUniqueViolation = (e: unknown) => pgErrorCode(e) === "23505";
