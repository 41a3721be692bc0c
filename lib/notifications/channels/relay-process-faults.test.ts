// Faults outside the relay's own process: a relay process killed mid-batch, and the database going
// away and coming back. Both need a database server of their own — PGlite lives inside the test's
// process, so neither fault can be made there: this file runs with DATABASE_URL (npm test on
// Postgres, as CI does) and is skipped on PGlite.
import { fork } from "node:child_process";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { deliveries, outbox } from "@/db/schema";
import { respondCreateBooking } from "@/lib/api/bookings";
import { bookingRequest, londonStart, TEST_NOW } from "@/lib/booking/test-support";
import { getConfig } from "@/lib/config/env";
import { closePageDatabaseProbe } from "@/lib/health/database-probe";
import { createSalonSignalHub } from "@/lib/notifications/hub";
import { publishSalonSignals, subscribeToSalonSignals } from "@/lib/notifications/signals";
import { startEmbeddedRelay } from "@/lib/outbox/drivers/embedded";
import { drainChannel, drainOutbox, runEventBatch } from "@/lib/outbox/relay";
import { createRecordingChannel, insertPendingEvent, testRelaySettings, waitUntil } from "@/lib/outbox/testing";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { insertTestEvent } from "@/lib/testing/outbox";
import { startSmtpSink } from "@/lib/testing/smtp-sink";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { startTcpProxy, type TcpProxy } from "@/lib/testing/tcp-proxy";
import { createTestBookingChannels } from "./testing";

const onPostgres = Boolean(getConfig().database.url);

let db: TestDatabase;
let proxied: DatabaseHandle;
let proxy: TcpProxy;
let databaseUrl: string;

// The health route reads the process's database: point it at the proxied one.
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDatabaseHandle: () => ({ handle: proxied, ready: Promise.resolve() }),
}));

beforeAll(async () => {
  if (!onPostgres) return;
  db = await createTestDatabase();
  databaseUrl = db.url!;
  const base = new URL(databaseUrl);
  proxy = await startTcpProxy({ host: base.hostname, port: Number(base.port || 5432) });
  const viaProxy = new URL(databaseUrl);
  viaProxy.host = `127.0.0.1:${proxy.port}`;
  proxied = openDatabase({ url: viaProxy.toString(), max: 4 });
});

afterAll(async () => {
  if (!onPostgres) return;
  await proxied.close();
  await proxy.close();
  await db.dispose();
});

describe.skipIf(!onPostgres)("a relay process killed mid-batch", () => {
  it("repeats only the messages it had in flight, under the same Message-ID; what it recorded is not sent again", { timeout: 60_000 }, async () => {
    const sink = await startSmtpSink();
    const f = await createSalonFixture(db.db);
    const channels = createTestBookingChannels({ smtpUrl: sink.url });
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) ids.push((await insertTestEvent(db.db, f)).id);
    // Fanned out here: the owner's emails wait in their lane for the relay process.
    await runEventBatch(db.db, { holder: "fan-out", channels, settings: testRelaySettings() });
    const messageId = (id: number) => `<event-${id}@salon-booking.local>`;

    const child = fork(path.join(import.meta.dirname, "../../testing/relay-process.ts"), [], {
      execArgv: ["--import", "tsx"],
      env: {
        ...process.env,
        RELAY_PROCESS: JSON.stringify({ databaseUrl, smtpUrl: sink.url, channel: "owner-email", holder: "relay-doomed", leaseMs: 2_000, channelBatchSize: 100 }),
      },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      // Let it send a few, then make the server slow, so the rest are in flight when it dies.
      expect(await waitUntil(() => sink.messageIds.length >= 5, 20_000)).not.toBeNull();
      sink.answerDelayMs = 600_000;
      const delivered = async () =>
        (
          await db.db
            .select({ id: deliveries.eventId })
            .from(deliveries)
            .where(and(inArray(deliveries.eventId, ids), eq(deliveries.channel, "owner-email"), eq(deliveries.status, "delivered")))
        ).map((r) => Number(r.id));
      expect(await waitUntil(async () => (await delivered()).length >= 5, 5_000)).not.toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 300)); // its last reports are flushed
      child.kill("SIGKILL");
      await exited;
      const recorded = new Set(await delivered());
      const acceptedBeforeKill = new Set(sink.messageIds);
      sink.answerDelayMs = 0;

      // Another relay takes over once the dead one's leases lapse.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const survivor = await drainChannel(db.db, channels.find((c) => c.name === "owner-email")!, {
        holder: "relay-survivor",
        channels,
        settings: testRelaySettings(),
      });
      await drainOutbox(db.db, { holder: "relay-survivor", channels, settings: testRelaySettings() });
      expect(survivor.delivered).toBe(ids.length - recorded.size);
      const rows = await db.db.select().from(outbox).where(inArray(outbox.id, ids));
      expect(rows.every((r) => r.status === "done")).toBe(true);

      for (const id of ids) {
        const sent = sink.messageIds.filter((m) => m === messageId(id)).length;
        if (recorded.has(id)) expect(sent, `recorded as delivered: ${id}`).toBe(1);
        else expect(sent, `in flight or not yet sent: ${id}`).toBeGreaterThanOrEqual(1);
        // A second copy only of a message whose acceptance the dead relay never recorded.
        if (sent > 1) expect(acceptedBeforeKill.has(messageId(id)) && !recorded.has(id)).toBe(true);
      }
      const takenOver = await db.db
        .select()
        .from(deliveries)
        .where(and(inArray(deliveries.eventId, ids.filter((id) => !recorded.has(id))), eq(deliveries.channel, "owner-email")));
      expect(takenOver.every((d) => d.leaseLapses === 1)).toBe(true);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      await Promise.all(channels.map((c) => c.close?.()));
      await sink.close();
    }
  });
});

describe.skipIf(!onPostgres)("the database going away", () => {
  let f: SalonFixture;
  let n = 0;
  const book = () => {
    n += 1;
    const request = new Request("http://localhost/api/v1/bookings", {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": `db-down-${process.pid}-${n}-${Date.now()}` },
      // A fresh free slot each time: six half hours a morning, one day after another.
      body: JSON.stringify(bookingRequest(f, { start: slot(n) })),
    });
    return respondCreateBooking(proxied.db, request, { now: TEST_NOW });
  };
  const slot = (i: number) => {
    const minutes = 9 * 60 + (i % 6) * 30;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    return londonStart(time, `2027-06-${String(2 + Math.floor(i / 6)).padStart(2, "0")}`);
  };
  const timed = async <T,>(run: () => Promise<T>) => {
    const started = performance.now();
    const value = await run();
    return { value, ms: performance.now() - started };
  };

  beforeAll(async () => {
    if (!onPostgres) return;
    f = await createSalonFixture(db.db, { stylists: 3 });
  });

  it("answers bookings 503 with Retry-After within 2 s and health 503 within 1 s, then works again without a restart", { timeout: 60_000 }, async () => {
    const { GET: health } = await import("@/app/api/health/route");
    expect((await book()).status).toBe(201);
    expect((await health()).status).toBe(200);

    for (const mode of ["refuse", "blackhole"] as const) {
      await proxy.set(mode);
      const booking = await timed(book);
      expect(booking.value.status, mode).toBe(503);
      expect(booking.value.headers.get("retry-after")).toBe("5");
      expect(await booking.value.json()).toMatchObject({ error: "unavailable" });
      expect(booking.ms, mode).toBeLessThan(2_500);
      const probe = await timed(health);
      expect(probe.value.status, mode).toBe(503);
      expect(probe.ms, mode).toBeLessThan(1_200);
    }

    await proxy.set("forward");
    expect(await waitUntil(async () => (await book()).status === 201, 10_000)).not.toBeNull();
    expect((await health()).status).toBe(200);
  });

  it("answers pages 503 with Retry-After within 1 s while the database is away, and serves them again when it returns", { timeout: 60_000 }, async () => {
    const { NextRequest } = await import("next/server");
    const { proxy: pageProxy } = await import("@/proxy");
    const viaProxy = new URL(databaseUrl);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    stubEnv({ DATABASE_URL: viaProxy.toString() });
    try {
      const page = () => timed(() => pageProxy(new NextRequest(`http://localhost/s/${f.salon.slug}`)));
      // Passed on to the page (NextResponse.next) while the database answers.
      expect((await page()).value.headers.get("x-middleware-next")).toBe("1");
      for (const mode of ["refuse", "blackhole"] as const) {
        await proxy.set(mode);
        // The probe trusts a good answer for a second: the next page after that asks again.
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        const answer = await page();
        expect(answer.value.status, mode).toBe(503);
        expect(answer.value.headers.get("retry-after"), mode).toBe("5");
        expect(answer.value.headers.get("content-security-policy"), mode).toContain("frame-ancestors 'none'");
        expect(await answer.value.text(), mode).toContain("Nothing you did was lost");
        expect(answer.ms, mode).toBeLessThan(1_200);
        await proxy.set("forward");
        expect(await waitUntil(async () => (await page()).value.status !== 503, 10_000), mode).not.toBeNull();
      }
    } finally {
      await closePageDatabaseProbe();
      restoreEnv();
    }
  });

  it("the relay and the dashboard's signals recover by themselves when the database returns", { timeout: 60_000 }, async () => {
    const channel = createRecordingChannel("dashboard", "inline");
    const relay = startEmbeddedRelay(proxied.db, { channels: [channel], settings: testRelaySettings(), pollMs: 100, eventLanes: 1, channelLanes: 1, retentionDays: 30 });
    const signals: string[] = [];
    const hub = createSalonSignalHub((onSignal) => subscribeToSalonSignals(proxied, onSignal));
    await hub.subscribe((salonId) => signals.push(salonId));
    try {
      await proxy.set("refuse");
      // Committed while the relay cannot reach the database (written over a direct connection).
      const id = await insertPendingEvent(db.db, f.salon.id);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(channel.delivered).not.toContain(id);

      await proxy.set("forward");
      expect(await waitUntil(() => channel.delivered.includes(id), 20_000)).not.toBeNull();
      expect(await waitUntil(async () => {
        await publishSalonSignals(db.db, [f.salon.id]);
        return signals.includes(f.salon.id);
      }, 20_000)).not.toBeNull();
    } finally {
      await relay.stop();
      await hub.close();
    }
  });
});
