import { beforeEach, describe, expect, it, vi } from "vitest";

// The stream's own session check. The signed-in owner comes from Auth.js's cookie, which this
// test does not forge: it replaces requireOwner and proves the route refuses before streaming.
const requireOwner = vi.fn();
vi.mock("@/auth", () => ({ requireOwner: () => requireOwner() }));
const getDb = vi.fn();
vi.mock("@/db/client", () => ({ getDb: () => getDb(), getDatabaseHandle: () => getDb() }));

const { GET } = await import("./route");

beforeEach(() => {
  requireOwner.mockReset();
  getDb.mockReset();
});

describe("GET /api/dashboard/stream", () => {
  it("answers 401 without a session and never touches the database", async () => {
    requireOwner.mockResolvedValue(null);
    const response = await GET(new Request("http://localhost/api/dashboard/stream"));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ error: "unauthorized" });
    expect(getDb).not.toHaveBeenCalled();
  });

  it("answers 401 to a resume attempt without a session too", async () => {
    requireOwner.mockResolvedValue(null);
    const response = await GET(
      new Request("http://localhost/api/dashboard/stream?after=1", { headers: { "Last-Event-ID": "5" } }),
    );
    expect(response.status).toBe(401);
  });

  it("answers 400 with a field error for a malformed Last-Event-ID", async () => {
    requireOwner.mockResolvedValue({ id: "00000000-0000-4000-8000-000000000000", email: "a@example.test", name: "A" });
    const response = await GET(
      new Request("http://localhost/api/dashboard/stream", { headers: { "Last-Event-ID": "1; drop table" } }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid");
    expect(body.fieldErrors.lastEventId[0]).toMatch(/event id/);
    expect(getDb).not.toHaveBeenCalled();
  });
});
