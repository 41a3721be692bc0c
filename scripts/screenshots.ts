// Screenshots of the owner's pages at a phone's and a laptop's size, for the README:
// docs/screenshots/owner-<page>-<phone|desktop>.png. Needs a running app with the demo data
// (`npm run dev`, or `npm run build && npm start`); SCREENSHOTS_URL says where (default :3000).
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Page } from "@playwright/test";

const BASE_URL = process.env.SCREENSHOTS_URL ?? "http://127.0.0.1:3000";
const OUT = path.resolve("docs/screenshots");
const OWNER = { email: "ava@example.com", password: "demo-password-ava" };
const SIZES = [
  { name: "phone", viewport: { width: 390, height: 844 } },
  { name: "desktop", viewport: { width: 1280, height: 800 } },
] as const;

// Debian's Chromium where it is installed, as playwright.config.ts does.
const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((p) => existsSync(p));

async function signIn(page: Page) {
  await page.goto(`${BASE_URL}/sign-in?callbackUrl=/dashboard`);
  await page.getByLabel("Email").fill(OWNER.email);
  await page.getByLabel("Password").fill(OWNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/dashboard");
}

async function shoot(page: Page, file: string) {
  // The live feed's status settles first, so the picture does not show "Connecting…".
  await page.waitForLoadState("networkidle").catch(() => undefined);
  await page.screenshot({ path: path.join(OUT, file), fullPage: true });
  console.log(`wrote docs/screenshots/${file}`);
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch(executablePath ? { executablePath, args: ["--no-sandbox", "--disable-gpu"] } : {});
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size.viewport, locale: "en-GB" });
      const page = await context.newPage();
      await signIn(page);
      await page.getByTestId("feed-status").getByText("Live").waitFor({ timeout: 15_000 }).catch(() => undefined);
      await shoot(page, `owner-dashboard-${size.name}.png`);
      await page.getByRole("navigation", { name: "Calendar view" }).getByRole("link", { name: "Week" }).click();
      await page.waitForURL(/view=week/);
      await shoot(page, `owner-week-${size.name}.png`);
      // On a phone the owner's links are behind the header's Menu button.
      if (await page.getByRole("button", { name: "Menu" }).isVisible()) await page.getByRole("button", { name: "Menu" }).click();
      await page.getByRole("navigation", { name: "Owner" }).getByRole("link", { name: "Delivery health" }).click();
      await page.waitForURL(/\/dashboard\/health/);
      await shoot(page, `owner-delivery-health-${size.name}.png`);
      await page.goto(`${BASE_URL}/salons/new`);
      await shoot(page, `owner-new-salon-${size.name}.png`);
      await page.goto(`${BASE_URL}/salons`);
      await shoot(page, `owner-salons-${size.name}.png`);
      await page.getByRole("link", { name: "Shoreditch Cuts" }).first().click();
      await page.waitForURL(/\/settings/);
      await shoot(page, `owner-salon-settings-${size.name}.png`);
      await context.close();
    }
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
