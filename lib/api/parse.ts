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
    const { done, value } = await reader.read();
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
    throw new AppError("validation", "The request body is not valid JSON", { errors: [{ path: "body", message: "Malformed JSON" }] });
  }
}

const tooLarge = (max: number) => new AppError("payload_too_large", `The request body exceeds ${Math.round(max / 1024)} KB`);

/** Query parameters as an object; a repeated name becomes an array. */
export function queryObject(url: URL): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}
