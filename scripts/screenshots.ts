// Screenshots of the owner's pages at a phone's and a laptop's size, for the README:
// docs/screenshots/owner-<page>-<phone|desktop>.png. Needs a running app with the demo data
// (`npm run dev`, or `npm run build && npm start`); SCREENSHOTS_URL says where (default :3000).
// It first books a few customers into Brooklyn Blowout Bar through the public API, so the
// calendar and the feed show a working day rather than an empty one.
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

const DEMO_SALON = "brooklyn-blowout";
const DEMO_CUSTOMERS = ["Maya Johnson", "Luis Fernández", "Priya Natarajan", "Tom O'Brien", "Grace Kim", "Sam Okafor"];

interface SalonInfo {
  services: { id: string; name: string }[];
}
interface Slot {
  start: string;
  local: string;
  stylistIds: string[];
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Books the demo customers on the first day with enough free times; returns that salon-local date. */
async function bookDemoDay(): Promise<string> {
  const salon = await getJson<SalonInfo>(`${BASE_URL}/api/v1/salons/${DEMO_SALON}`);
  const service = salon.services[0];
  const today = new Date().toISOString().slice(0, 10);
  const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const { slots } = await getJson<{ slots: Slot[] }>(
    `${BASE_URL}/api/v1/salons/${DEMO_SALON}/availability?serviceId=${service.id}&from=${today}&to=${inAWeek}`,
  );
  const byDate = new Map<string, Slot[]>();
  for (const slot of slots) byDate.set(slot.local.slice(0, 10), [...(byDate.get(slot.local.slice(0, 10)) ?? []), slot]);
  const [date, daySlots] = [...byDate].find(([, list]) => list.length >= 12 * DEMO_CUSTOMERS.length) ?? [...byDate][0] ?? [];
  if (!date || !daySlots) throw new Error(`${DEMO_SALON} has no free times in the coming week`);
  // Spread over the day and over the stylists.
  const step = Math.floor(daySlots.length / DEMO_CUSTOMERS.length);
  for (const [i, name] of DEMO_CUSTOMERS.entries()) {
    const slot = daySlots[i * step];
    const response = await fetch(`${BASE_URL}/api/v1/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
      body: JSON.stringify({
        salon: DEMO_SALON,
        serviceId: service.id,
        stylistId: slot.stylistIds[i % slot.stylistIds.length],
        start: slot.start,
        customer: { name, email: `demo-${i + 1}@example.com` },
      }),
    });
    if (response.status !== 201) throw new Error(`booking for ${name}: ${response.status} ${await response.text()}`);
  }
  console.log(`booked ${DEMO_CUSTOMERS.length} demo customers at ${DEMO_SALON} on ${date}`);
  return date;
}

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
  const demoDate = await bookDemoDay();
  const browser = await chromium.launch(executablePath ? { executablePath, args: ["--no-sandbox", "--disable-gpu"] } : {});
  try {
    for (const size of SIZES) {
      const context = await browser.newContext({ viewport: size.viewport, locale: "en-GB" });
      const page = await context.newPage();
      await signIn(page);
      // The dashboard opens on the owner's first salon, Brooklyn Blowout Bar, on the booked day.
      await page.goto(`${BASE_URL}/dashboard?date=${demoDate}`);
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
