import { describe, expect, it } from "vitest";
import { isJsonContentType, readJsonBody } from "./read-json-body";

// The body reader refuses before parsing: wrong media type, too many bytes (declared or actually
// sent), bytes that are not UTF-8, text that is not JSON.

const request = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request("http://test/", { method: "POST", headers, body, duplex: "half" } as RequestInit);

function streamOf(bytes: Uint8Array, chunk = 1000): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (let i = 0; i < bytes.length; i += chunk) controller.enqueue(bytes.slice(i, i + chunk));
      controller.close();
    },
  });
}

describe("readJsonBody", () => {
  it("parses a JSON object under the cap", async () => {
    expect(await readJsonBody(request('{"a":1,"b":"é"}'))).toEqual({ ok: true, value: { a: 1, b: "é" } });
  });

  it("accepts exactly the cap and refuses one byte more with 413", async () => {
    const exact = JSON.stringify({ pad: "x".repeat(100 - 10) });
    expect(exact.length).toBe(100);
    expect((await readJsonBody(request(exact), { maxBytes: 100 })).ok).toBe(true);
    const over = await readJsonBody(request(exact + " "), { maxBytes: 100 });
    expect(over).toEqual({ ok: false, status: 413, body: { error: "payload_too_large" } });
  });

  it("counts the bytes read when no Content-Length is sent (a chunked stream)", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ pad: "x".repeat(17 * 1024) }));
    const streamed = request(streamOf(bytes));
    expect(streamed.headers.get("content-length")).toBeNull();
    expect(await readJsonBody(streamed)).toMatchObject({ ok: false, status: 413 });
  });

  it("counts the bytes read when Content-Length understates them", async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ pad: "x".repeat(17 * 1024) }));
    const lying = request(streamOf(bytes), { "content-type": "application/json", "content-length": "20" });
    expect(await readJsonBody(lying)).toMatchObject({ ok: false, status: 413 });
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const declared = request(streamOf(new Uint8Array(0)), {
      "content-type": "application/json",
      "content-length": String(16 * 1024 + 1),
    });
    expect(await readJsonBody(declared)).toMatchObject({ ok: false, status: 413 });
  });

  it("answers 415 for other media types and charsets", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1"]) {
      expect(await readJsonBody(request("{}", { "content-type": type })), type).toMatchObject({ ok: false, status: 415 });
    }
    expect(await readJsonBody(request("{}", {}))).toMatchObject({ ok: false, status: 415 });
  });

  it("answers 400 with a body field error for empty, non-UTF-8 and non-JSON bodies", async () => {
    const empty = await readJsonBody(request(""));
    expect(empty).toMatchObject({ ok: false, status: 400, body: { error: "invalid" } });
    const latin1 = await readJsonBody(request(new Uint8Array([0x7b, 0x22, 0xe9, 0x22, 0x7d])));
    expect(latin1).toEqual({
      ok: false,
      status: 400,
      body: { error: "invalid", fieldErrors: { body: ["The request body is not valid UTF-8"] } },
    });
    const notJson = await readJsonBody(request("{'single': 'quotes'}"));
    expect(notJson).toMatchObject({ ok: false, status: 400, body: { fieldErrors: { body: ["The request body is not valid JSON"] } } });
  });
});

describe("isJsonContentType", () => {
  it("accepts application/json with any case and a UTF-8 charset", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON; charset=UTF-8")).toBe(true);
    expect(isJsonContentType('application/json;charset="utf-8"')).toBe(true);
    expect(isJsonContentType("application/jsonp")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });
});
