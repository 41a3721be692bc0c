import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIN_AUTH_SECRET_LENGTH, type AppConfig } from "@/lib/config/env";

// The key that signs and encrypts session cookies. Sessions survive a restart only while it stays
// the same, so the embedded default keeps a generated one on disk instead of making one per start.

/**
 * AUTH_SECRET when set (the config module has checked its length, and that production has one: a
 * secret generated on one instance's disk would not be shared by the others behind a load
 * balancer). Otherwise one is generated once and kept in `${DATA_DIR}/auth-secret`, readable by
 * this user only.
 */
export function resolveAuthSecret(config: Pick<AppConfig, "auth" | "dataDir" | "production">): string {
  if (config.auth.secret) return config.auth.secret;
  if (config.production) throw new Error("AUTH_SECRET must be set in production; generate one with `openssl rand -base64 32`");
  return readOrCreateSecretFile(path.join(config.dataDir, "auth-secret"));
}

function readOrCreateSecretFile(file: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if two processes start at once, only one writes; the other reads the winner's secret.
    writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < MIN_AUTH_SECRET_LENGTH) {
    throw new Error(`${file} holds a secret shorter than ${MIN_AUTH_SECRET_LENGTH} characters; delete it to generate a new one`);
  }
  return secret;
}
