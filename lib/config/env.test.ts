import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env";

const SECRET = "s".repeat(32);

describe("loadConfig", () => {
  it("needs nothing for the embedded default", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      production: false,
      port: 3000,
      appUrl: "http://localhost:3000",
      database: { url: undefined, poolMax: 10, prepare: true },
      mail: { devMailbox: true, maxConnections: 8 },
      relay: { mode: "embedded", batchSize: 200, budgetMs: 30_000, pollMs: 2_000, eventLanes: 2, retry: { horizonMs: 86_400_000 } },
    });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it("reads and bounds every number, and names each bad one in one line", () => {
    expect(loadConfig({ OUTBOX_BATCH_SIZE: " 50 ", PORT: "8080" })).toMatchObject({ port: 8080, appUrl: "http://localhost:8080", relay: { batchSize: 50 } });
    let error: unknown;
    try {
      loadConfig({ OUTBOX_BATCH_SIZE: "abc", EMBEDDED_RELAY_CONCURRENCY: "0", DATABASE_PREPARE: "maybe" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain("\n");
    expect(message).toMatch(/OUTBOX_BATCH_SIZE must be a whole number from 1 to 5000, not "abc"/);
    expect(message).toMatch(/EMBEDDED_RELAY_CONCURRENCY must be a whole number from 1 to 32/);
    expect(message).toMatch(/DATABASE_PREPARE must be true or false/);
  });

  it("refuses production without AUTH_SECRET, a short secret, and an unknown RELAY_MODE", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET must be set in production/);
    expect(() => loadConfig({ AUTH_SECRET: "short" })).toThrow(/AUTH_SECRET must be at least 32 characters/);
    expect(() => loadConfig({ RELAY_MODE: "both" })).toThrow(/RELAY_MODE must be "inngest", "embedded" or "external"/);
    expect(loadConfig({ NODE_ENV: "production", AUTH_SECRET: SECRET })).toMatchObject({ production: true, mail: { devMailbox: false } });
  });

  it("refuses RELAY_MODE=external on the embedded database, whose folder only the server's process can open", () => {
    expect(() => loadConfig({ RELAY_MODE: "external" })).toThrow(/RELAY_MODE=external needs DATABASE_URL/);
    expect(loadConfig({ RELAY_MODE: "external", DATABASE_URL: "postgres://127.0.0.1/salon" }).relay.mode).toBe("external");
  });

  it("checks URLs by their scheme", () => {
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must start with postgres:\/\/ or postgresql:\/\//);
    expect(() => loadConfig({ SMTP_URL: "not a url" })).toThrow(/SMTP_URL must be a URL/);
    expect(() => loadConfig({ APP_URL: "ftp://book.example.com" })).toThrow(/APP_URL must start with http:\/\/ or https:\/\//);
    expect(loadConfig({ APP_URL: "https://book.example.com/salon/" }).appUrl).toBe("https://book.example.com/salon");
  });

  it("treats blank variables as unset", () => {
    expect(loadConfig({ DATABASE_URL: "  ", SMTP_URL: "", OUTBOX_BATCH_SIZE: " " })).toMatchObject({
      database: { url: undefined },
      mail: { smtpUrl: undefined, devMailbox: true },
      relay: { batchSize: 200 },
    });
  });
});
