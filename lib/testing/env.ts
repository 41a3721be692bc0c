import { vi } from "vitest";
import { resetConfigForTests } from "@/lib/config/env";
import { resetLoggerForTests } from "@/lib/log";
import { forgetRuntimeForTests } from "@/lib/runtime";

// The configuration is read once per process (lib/config/env.ts); a test that changes the
// environment stubs it here, so the next getConfig() (and the runtime built on it) reads the stubbed values.

/** Sets environment variables for this test ("" unsets one) and re-reads the configuration. */
export function stubEnv(vars: Record<string, string>): void {
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  resetConfigForTests();
  resetLoggerForTests();
  forgetRuntimeForTests();
}

/** Restores the environment and the configuration read from it. */
export function restoreEnv(): void {
  vi.unstubAllEnvs();
  resetConfigForTests();
  resetLoggerForTests();
  forgetRuntimeForTests();
}
