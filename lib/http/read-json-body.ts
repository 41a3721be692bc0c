// Reads a JSON request body without trusting the client: the media type is checked, the declared
// Content-Length is checked, and the bytes actually received are counted while streaming, so a
// missing or lying header cannot make us buffer more than the cap.

export const DEFAULT_MAX_BODY_BYTES = 16 * 1024;

export type JsonBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413 | 415; body: ApiErrorBody };

export interface ApiErrorBody {
  error: string;
  fieldErrors?: Record<string, string[]>;
  [key: string]: unknown;
}

const BODY_FIELD = "body";

function invalidBody(message: string): JsonBodyResult {
  return { ok: false, status: 400, body: { error: "invalid", fieldErrors: { [BODY_FIELD]: [message] } } };
}

const tooLarge = (): JsonBodyResult => ({ ok: false, status: 413, body: { error: "payload_too_large" } });

/** True for `application/json`, with or without parameters such as `; charset=utf-8`. */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const mediaType = header.split(";")[0].trim().toLowerCase();
  if (mediaType !== "application/json") return false;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(header)?.[1]?.toLowerCase();
  return !charset || charset === "utf-8" || charset === "utf8";
}

/** The body's bytes, or null once more than maxBytes arrived (the rest of the stream is cancelled). */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Parses a request's JSON body under a byte cap; answers the 4xx to send when it cannot. */
export async function readJsonBody(
  request: Request,
  options: { maxBytes?: number } = {},
): Promise<JsonBodyResult> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (!isJsonContentType(request.headers.get("content-type"))) {
    return {
      ok: false,
      status: 415,
      body: { error: "unsupported_media_type", message: "Send the body as application/json (UTF-8)" },
    };
  }
  const declared = request.headers.get("content-length");
  if (declared !== null) {
    if (!/^\d+$/.test(declared.trim())) return invalidBody("Content-Length is not a number");
    if (Number(declared) > maxBytes) return tooLarge();
  }
  let bytes: Uint8Array | null;
  try {
    bytes = await readBodyCapped(request, maxBytes);
  } catch {
    // The client aborted or sent a broken stream: nothing usable arrived.
    return invalidBody("The request body could not be read");
  }
  if (bytes === null) return tooLarge();
  if (bytes.byteLength === 0) return invalidBody("The request body is empty; send a JSON object");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return invalidBody("The request body is not valid UTF-8");
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return invalidBody("The request body is not valid JSON");
  }
}
