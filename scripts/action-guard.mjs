// Server-action requests under `npm start` (scripts/server.mjs), so that bad input is a 4xx and never an
// error-level log line (docs/security.md, "Server actions"). Next answers 500 for a foreign Origin, a body
// past `experimental.serverActions.bodySizeLimit` and a body its decoder cannot read; this guard
//   - refuses a foreign or unreadable Origin with 403, a body without Content-Length with 411 and one over
//     the limit with 413, before Next reads anything;
//   - runs the request in an AsyncLocalStorage context that lib/actions/request-state.ts reads: our action
//     wrappers mark when an action starts and when its arguments have the wrong shape (then 400);
//   - turns Next's 500 into 400 when no action started (the decoder refused the body), and logs what Next
//     prints at error level in that case as a warning.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const STATE = Symbol.for("rp.actionRequest");
const DEFAULT_LIMIT = 1024 * 1024;

/** The body limit next.config.ts sets for server actions, as the build recorded it. */
export function actionBodyLimit(root) {
  try {
    const file = path.join(root, ".next", "required-server-files.json");
    const limit = JSON.parse(fs.readFileSync(file, "utf8")).config?.experimental?.serverActions?.bodySizeLimit;
    if (limit === undefined) return DEFAULT_LIMIT;
    const bytes = createRequire(path.join(root, "package.json"))("next/dist/compiled/bytes");
    return typeof limit === "number" ? limit : (bytes.parse(limit) ?? DEFAULT_LIMIT);
  } catch {
    return DEFAULT_LIMIT;
  }
}

/** A POST that Next may treat as a server action: fetch actions carry `Next-Action`, forms post multipart. */
export function isActionRequest(req) {
  if (req.method !== "POST" || (req.url ?? "").startsWith("/api/")) return false;
  const type = String(req.headers["content-type"] ?? "").toLowerCase();
  return req.headers["next-action"] !== undefined || type.startsWith("multipart/form-data");
}

/** Same comparison as Next's CSRF check: the Origin's host against X-Forwarded-Host, else Host. */
function originRefused(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  try {
    return origin === "null" || !host || new URL(origin).host !== String(host).split(",")[0].trim();
  } catch {
    return true;
  }
}

/** A refusal before Next runs, or null. */
function precheck(req, limit) {
  if (originRefused(req)) return [403, "Forbidden: this action may only be called from this site."];
  const length = req.headers["content-length"];
  if (length === undefined) return [411, "Length Required: send the action body with a Content-Length."];
  if (Number(length) > limit) return [413, `Payload Too Large: server actions accept at most ${limit} bytes.`];
  return null;
}

export function createActionGuard(root) {
  const limit = actionBodyLimit(root);
  const requests = new AsyncLocalStorage();
  globalThis[STATE] = requests;

  // Next prints a decoder failure with console.error; before any action ran it is the caller's mistake.
  const error = console.error.bind(console);
  console.error = (...args) => {
    const state = requests.getStore();
    if (state && !state.started) console.warn("[server] refused server-action request:", ...args);
    else error(...args);
  };

  /** Handles `req` with `handle` under the guard; answers the refusals itself. */
  return function guard(req, res, handle) {
    const refusal = precheck(req, limit);
    if (refusal) {
      const [status, text] = refusal;
      // The body is read and dropped, so a client still sending it gets the answer rather than a reset.
      req.resume();
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
      res.end(text);
      return Promise.resolve();
    }
    const state = { started: false, status: undefined };
    const writeHead = res.writeHead;
    res.writeHead = function (status, ...rest) {
      let mapped = status;
      if (state.status && status < 400) mapped = state.status;
      else if (status >= 500 && !state.started) mapped = 400;
      return writeHead.call(this, mapped, ...rest);
    };
    return requests.run(state, () => handle(req, res));
  };
}
