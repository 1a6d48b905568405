// The production server behind `npm start`: Node's HTTP server with Next's request handler (a custom
// server, docs/security.md). It exists so the app can trust the client address: the TCP peer is written
// into `x-client-socket-ip`, replacing whatever a client sent under that name, before Next sees the request.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createActionGuard, isActionRequest } from "./action-guard.mjs";

export const SOCKET_IP_HEADER = "x-client-socket-ip";
/** lib/ratelimit/client-ip.ts trusts the header only when this server set the marker. */
const SOCKET_IP_MARKER = Symbol.for("rp.socketIpHeader");

/**
 * Unhandled rejections and uncaught exceptions are logged with a fixed marker (and appended to
 * SERVER_FAULT_LOG when set), so the end-to-end run can fail on any of them.
 */
function watchFaults() {
  const file = process.env.SERVER_FAULT_LOG;
  if (file) fs.mkdirSync(path.dirname(file), { recursive: true });
  const record = (kind, reason) => {
    const text = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    console.error(`[server] ${kind}: ${text}`);
    if (file) fs.appendFileSync(file, `${new Date().toISOString()} ${kind}: ${text}\n`);
  };
  process.on("unhandledRejection", (reason) => record("unhandledRejection", reason));
  process.on("uncaughtException", (error) => record("uncaughtException", error));
}

export async function serve({ root, port, hostname = process.env.HOSTNAME }) {
  process.env.NODE_ENV = "production";
  watchFaults();
  globalThis[SOCKET_IP_MARKER] = true;
  const { default: next } = await import("next");
  const app = next({ dev: false, dir: root, port, hostname: hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const guardAction = createActionGuard(root);
  const server = http.createServer((req, res) => {
    // Node joins repeated headers; delete first so a forged value can never survive next to ours.
    delete req.headers[SOCKET_IP_HEADER];
    for (let i = req.rawHeaders.length - 2; i >= 0; i -= 2)
      if (req.rawHeaders[i].toLowerCase() === SOCKET_IP_HEADER) req.rawHeaders.splice(i, 2);
    req.headers[SOCKET_IP_HEADER] = (req.socket.remoteAddress ?? "unknown").replace(/^::ffff:/, "");
    (isActionRequest(req) ? guardAction(req, res, handle) : handle(req, res)).catch((e) => {
      console.error("[server] request failed", e);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end();
    });
  });
  // Like `next start`: every interface unless HOSTNAME says otherwise.
  await new Promise((resolve) => server.listen(port, hostname, resolve));
  const stop = () => server.close(() => process.exit(0));
  for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, stop);
  return server;
}
