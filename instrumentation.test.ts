import { afterEach, describe, expect, it, vi } from "vitest";
import { restoreEnv, stubEnv } from "@/lib/testing/env";
import { register } from "./instrumentation";

afterEach(() => {
  restoreEnv();
  vi.restoreAllMocks();
});

describe("start-up", () => {
  it.each([
    [{ NODE_ENV: "production", AUTH_SECRET: "" }, /^Invalid configuration: AUTH_SECRET must be set in production/],
    [{ OUTBOX_BATCH_SIZE: "many" }, /^Invalid configuration: OUTBOX_BATCH_SIZE must be a whole number/],
    [{ RELAY_MODE: "both" }, /^Invalid configuration: RELAY_MODE must be "inngest", "embedded" or "external"/],
  ])("stops the server with one line for a bad setting (%j)", async (env, message) => {
    stubEnv({ NEXT_RUNTIME: "nodejs", ...env });
    const exit = vi.spyOn(process, "exit").mockImplementation(((code?: number) => {
      throw new Error(`exit ${code}`);
    }) as never);
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation(((chunk: string) => {
      written.push(String(chunk));
      return true;
    }) as never);
    await expect(register()).rejects.toThrow("exit 1");
    expect(exit).toHaveBeenCalledWith(1);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(message);
    expect(written[0].trimEnd()).not.toContain("\n");
  });
});
