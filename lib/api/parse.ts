import { AppError } from "@/lib/errors";

/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

const isJsonType = (ct: string) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(ct.trim());

/**
 * Reads a JSON body: empty → undefined; non-JSON content type → 415; over 1 MB (declared or streamed) → 413;
 * malformed JSON → 400. Streams with a running count so a chunked upload cannot exhaust memory.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body || declared === 0) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await readBodyChunk(reader);
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (size === 0) return undefined;
  const ct = req.headers.get("content-type") ?? "";
  if (!isJsonType(ct)) throw new AppError("unsupported_media_type", "Send the body as application/json");
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body is not valid JSON", {
      errors: [{ path: "body", message: "Malformed JSON" }],
    });
  }
}

/**
 * A client that hangs up mid-upload (Node: `Error: aborted`, code ECONNRESET) errors the body stream. That is
 * not a server fault: answer a quiet 400 (nobody is left to read it) instead of an "unhandled error" log.
 */
export async function readBodyChunk(
  reader: ReadableStreamDefaultReader<Uint8Array>,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (e) {
    if (!isClientAbort(e)) throw e;
    throw new AppError("validation", "The request body was not received completely", {
      errors: [{ path: "body", message: "Incomplete body" }],
    });
  }
}

/** The connection went away (undici may wrap the socket's error as `cause`). */
const isClientAbort = (e: unknown) =>
  e instanceof Error && (isConnectionGone(e) || (e.cause instanceof Error && isConnectionGone(e.cause)));
const isConnectionGone = (e: Error) => {
  const code = (e as { code?: unknown }).code;
  return code === "ECONNRESET" || code === "ERR_STREAM_PREMATURE_CLOSE" || e.name === "AbortError";
};

const tooLarge = (max: number) =>
  new AppError("payload_too_large", `The request body exceeds ${Math.round(max / 1024)} KB`);

/** Query parameters as an object; a repeated name becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
