import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

// Debian's Chromium where it is installed (Playwright cannot download its own here); elsewhere
// Playwright's own browser, so the suite also runs on a developer's machine.
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));
const launchOptions = systemChromium
  ? {
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }
  : {};

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], launchOptions } }],
  webServer: {
    // The production build, on a data folder of its own (PGlite) or on DATABASE_URL.
    command: "bash scripts/e2e-server.sh",
    url: `${baseURL}/api/health`,
    // The command builds the app first: under a busy machine `next build` alone has taken four minutes.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    // Production requires AUTH_SECRET (lib/auth/secret.ts); a throwaway one per run unless given.
    env: {
      PORT: String(PORT),
      DATA_DIR: ".data/e2e",
      NODE_ENV: "production",
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("base64url"),
      // Manage links in customer emails point at this server, so a test can follow them.
      APP_URL: baseURL,
      // The whole suite books, searches and opens manage links from one address (127.0.0.1) within
      // minutes: the per-address and per-salon limits are raised for it. The per-email, per-link,
      // confirmation, sign-in and sign-up limits keep their defaults (e2e/security.spec.ts tests them).
      RATE_LIMIT_BOOKING_IP: "1000/10m",
      RATE_LIMIT_BOOKING_SALON: "1000/10m",
      RATE_LIMIT_AVAILABILITY_IP: "5000/1m",
      RATE_LIMIT_AVAILABILITY_SALON: "5000/1m",
      RATE_LIMIT_MANAGE_IP: "5000/10m",
    },
  },
});
