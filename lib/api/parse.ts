import { AppError } from "@/lib/errors";

/** Request bodies above this are refused with 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

const isJsonType = (ct: string) => /^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(ct.trim());

/**
 * Reads a JSON body: empty → undefined; non-JSON content type → 415; over 1 MB (declared or streamed) → 413;
 * malformed JSON → 400. Streams with a running count so a chunked upload cannot exhaust memory.
 */
export async function readJsonBody(req: Request, maxBytes = MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readBodyBytes(req, maxBytes);
  if (bytes.byteLength === 0) return undefined;
  const ct = req.headers.get("content-type") ?? "";
  if (!isJsonType(ct)) throw new AppError("unsupported_media_type", "Send the body as application/json");
  const text = new TextDecoder().decode(bytes);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("validation", "The request body is not valid JSON", {
      errors: [{ path: "body", message: "Malformed JSON" }],
    });
  }
}

/** Which multipart/form-data file field a route also takes, and the body field its text becomes. */
export interface UploadOption {
  field: string;
  as: string;
}

const isMultipart = (ct: string) => /^multipart\/form-data\s*;/i.test(ct.trim());

/**
 * A JSON body, or a multipart/form-data one (an upload form, `curl -F file=@bank.csv`) read within the same
 * byte bound: the file field `upload.field` becomes the text `upload.as`; other fields stay strings, except
 * `true`/`false`, which become booleans. What is left is parsed by the route's schema like JSON.
 */
export async function readJsonOrUploadBody(
  req: Request,
  upload: UploadOption,
  maxBytes = MAX_BODY_BYTES,
): Promise<unknown> {
  const ct = req.headers.get("content-type") ?? "";
  if (!isMultipart(ct)) return readJsonBody(req, maxBytes);
  const bytes = await readBodyBytes(req, maxBytes);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(bytes), { headers: { "content-type": ct } }).formData();
  } catch {
    throw new AppError("validation", "The multipart body could not be read", {
      errors: [{ path: "body", message: "Malformed multipart/form-data" }],
    });
  }
  const out: Record<string, unknown> = {};
  for (const [name, value] of form) {
    if (typeof value !== "string") {
      if (name === upload.field) out[upload.as] = await value.text();
      else out[name] = value.name;
    } else out[name === upload.field ? upload.as : name] = value === "true" ? true : value === "false" ? false : value;
  }
  return out;
}

/**
 * The body's bytes (empty when there is none), refused with 413 past `maxBytes`, whether declared in
 * Content-Length or streamed: the running count stops a chunked upload before it exhausts memory.
 */
export async function readBodyBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body || declared === 0) return Buffer.alloc(0);
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
  return Buffer.concat(chunks);
}

/**
 * A client that hangs up mid-upload (Node: `Error: aborted`, code ECONNRESET) errors the body stream. That is
 * not a server fault: answer a quiet 400 (nobody is left to read it) instead of an "unhandled error" log.
 */
async function readBodyChunk(
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
