import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "@/lib/config/env";
import { resolveAuthSecret } from "./secret";

const secretFor = (env: Record<string, string>) => resolveAuthSecret(loadConfig(env));

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "auth-secret-"));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("resolveAuthSecret", () => {
  it("refuses to start in production without AUTH_SECRET, and writes nothing", () => {
    const dir = freshDir();
    expect(() => secretFor({ NODE_ENV: "production", DATA_DIR: dir })).toThrow(/AUTH_SECRET must be set in production/);
    expect(() => statSync(path.join(dir, "auth-secret"))).toThrow();
  });

  it("refuses a short AUTH_SECRET", () => {
    expect(() => secretFor({ NODE_ENV: "production", AUTH_SECRET: "too-short" })).toThrow(/at least 32/);
  });

  it("uses AUTH_SECRET when set", () => {
    const secret = "x".repeat(44);
    expect(secretFor({ NODE_ENV: "production", AUTH_SECRET: secret })).toBe(secret);
  });

  it("otherwise generates one secret, keeps it readable by this user only, and returns it again after a restart", () => {
    const dir = freshDir();
    const first = secretFor({ NODE_ENV: "development", DATA_DIR: dir });
    const file = path.join(dir, "auth-secret");
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first);
    expect(secretFor({ NODE_ENV: "development", DATA_DIR: dir })).toBe(first);
  });

  it("tightens a secret file that others could read", () => {
    const dir = freshDir();
    const file = path.join(dir, "auth-secret");
    writeFileSync(file, "y".repeat(40));
    chmodSync(file, 0o644);
    expect(secretFor({ DATA_DIR: dir })).toBe("y".repeat(40));
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
