import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { GET, PUT } from "./route";

const url = "http://localhost:3000/api/inngest";

afterEach(() => {
  restoreEnv();
});

describe("GET/PUT /api/inngest", () => {
  it("in dev mode, introspection shows the app's one function and the sync lists it with both triggers and its singleton key", async () => {
    stubEnv({ INNGEST_DEV: "1", RELAY_MODE: "" });

    const introspection = await GET(new NextRequest(url), {});
    expect(introspection.status).toBe(200);
    expect(await introspection.json()).toMatchObject({ mode: "dev", function_count: 1 });

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
    expect(body.functions).toHaveLength(1);
    expect(body.functions[0].id).toBe("salon-booking-relay-outbox");
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
