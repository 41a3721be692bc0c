import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

// The key that signs and encrypts session cookies. Sessions survive a restart only while it stays
// the same, so the embedded default keeps a generated one on disk instead of making one per start.

export const MIN_AUTH_SECRET_LENGTH = 32;

export interface AuthSecretEnv {
  AUTH_SECRET?: string;
  NODE_ENV?: string;
  DATA_DIR?: string;
}

/**
 * AUTH_SECRET when set. In production it is required: a secret generated on one instance's disk
 * would not be shared by the others behind a load balancer. Otherwise one is generated once and
 * kept in `${DATA_DIR or .data}/auth-secret`, readable by this user only.
 */
export function resolveAuthSecret(env: AuthSecretEnv = process.env): string {
  const configured = env.AUTH_SECRET?.trim();
  if (configured) {
    if (configured.length < MIN_AUTH_SECRET_LENGTH) {
      throw new Error(
        `AUTH_SECRET must be at least ${MIN_AUTH_SECRET_LENGTH} characters; generate one with \`openssl rand -base64 32\``,
      );
    }
    return configured;
  }
  if (env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET must be set in production; generate one with `openssl rand -base64 32`");
  }
  // turbopackIgnore: a path from the environment would otherwise make the build trace the whole project.
  return readOrCreateSecretFile(path.join(path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? ".data"), "auth-secret"));
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
