import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { GET, PUT } from "./route";

const url = "http://localhost:3000/api/inngest";

afterEach(() => {
  restoreEnv();
});

describe("GET/PUT /api/inngest", () => {
  it("in dev mode, introspection shows the app's functions and the sync lists the relay with both triggers and its singleton key, and the day-sheet cron", async () => {
    stubEnv({ INNGEST_DEV: "1", RELAY_MODE: "" });

    const introspection = await GET(new NextRequest(url), {});
    expect(introspection.status).toBe(200);
    expect(await introspection.json()).toMatchObject({ mode: "dev", function_count: 2 });

    // What `inngest-cli dev` (or Inngest Cloud) receives when it syncs the app: an in-band PUT.
    const sync = await PUT(
      new NextRequest(url, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-inngest-sync-kind": "in_band" },
        body: JSON.stringify({ url }),
      }),
      {},
    );
    expect(sync.status).toBe(200);
    const body = (await sync.json()) as { app_id: string; functions: { id: string; triggers: object[] }[] };
    expect(body.app_id).toBe("salon-booking");
    expect(body.functions.map((f) => f.id)).toEqual(["salon-booking-relay-outbox", "salon-booking-queue-day-sheets"]);
    expect(body.functions[1].triggers).toEqual([{ cron: "* * * * *" }]);
    expect(body.functions[0].triggers).toEqual(
      expect.arrayContaining([{ cron: "* * * * *" }, { event: "outbox/pending" }]),
    );
    expect(body.functions[0].triggers).toHaveLength(2);
    // One run at a time per salon (its nudges), and one for the cron and salon-less nudges.
    expect((body.functions[0] as { singleton?: object }).singleton).toEqual({
      key: 'has(event.data.salonId) ? event.data.salonId : "all-salons"',
      mode: "skip",
    });
  });

  it("is switched off in embedded mode, so no second relay can be driven through it", async () => {
    stubEnv({ INNGEST_DEV: "1", RELAY_MODE: "embedded" });
    const response = await GET(new NextRequest(url), {});
    expect(response.status).toBe(404);
  });

  it("in cloud mode (no INNGEST_DEV) refuses an unsigned introspection", async () => {
    stubEnv({ INNGEST_DEV: "", RELAY_MODE: "inngest", INNGEST_SIGNING_KEY: `signkey-prod-${"ab".repeat(32)}` });
    const response = await GET(new NextRequest(url), {});
    expect(response.status).toBe(401);
  });
});

describe("PUT /api/inngest with a forged Host (issue 13, finding 4)", () => {
  let registry: Server;
  let registered: { url: string }[] = [];
  let registryUrl = "";

  beforeAll(async () => {
    // Stands in for the Inngest API: records what the app asks to register.
    registry = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        if (req.url?.startsWith("/fn/register")) registered.push(JSON.parse(body) as { url: string });
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, modified: true }));
      });
    });
    await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
    registryUrl = `http://127.0.0.1:${(registry.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => registry.close(resolve));
  });

  it("registers APP_URL's endpoint, whatever Host and X-Forwarded-* the request claims", async () => {
    registered = [];
    stubEnv({
      RELAY_MODE: "inngest",
      INNGEST_DEV: "",
      INNGEST_SIGNING_KEY: `signkey-prod-${"ab".repeat(32)}`,
      INNGEST_BASE_URL: registryUrl,
      APP_URL: "https://book.example.com",
    });
    vi.resetModules();
    const route = await import("./route");
    const response = await route.PUT(
      new NextRequest("https://evil.example/api/inngest", {
        method: "PUT",
        headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
      }),
      {},
    );
    expect(response.status).toBe(200);
    expect(registered.map((r) => r.url)).toEqual(["https://book.example.com/api/inngest"]);
  });
});
