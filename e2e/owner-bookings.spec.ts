import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { test as base, expect, SEEDED_SALON, workingDayAhead } from "./fixtures";
import { E2E_MAIL_DIR, waitForMail } from "./mailbox";
import { BookingApi } from "./pages/booking-api";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";

// The owner's own bookings, at a phone's size and a laptop's: a walk-in added from the calendar
// shows in the calendar and the live feed; a customer's booking moved by the owner reaches the
// customer as exactly one update with the new time and the next SEQUENCE of its calendar entry.

const AVA = { email: "ava@example.com", password: "demo-password-ava", name: "Ava Thompson" };
const SERVICE = "Men's cut";
const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "laptop", width: 1280, height: 800 },
] as const;

const test = base.extend<{ signInPage: SignInPage; dashboardPage: DashboardPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
});
test.use({ locale: "en-GB" });

const unique = () => Math.random().toString(36).slice(2, 8);

async function expectUsable(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
  expect(serious).toEqual([]);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

async function signIn(signInPage: SignInPage, dashboardPage: DashboardPage) {
  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await dashboardPage.switchSalon(SEEDED_SALON.name);
}

for (const viewport of VIEWPORTS) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport: { width: viewport.width, height: viewport.height } });

    test(`the owner adds a walk-in without an email; the calendar and the feed show it (${viewport.name})`, async ({ page, signInPage, dashboardPage }) => {
      const date = workingDayAhead(SEEDED_SALON.timeZone, viewport.name === "phone" ? 9 : 10);
      const name = `Walk-in ${unique()}`;
      await signIn(signInPage, dashboardPage);
      await dashboardPage.goToDate(date);
      await dashboardPage.expectLive();

      await page.getByRole("link", { name: "Add booking" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Add booking" })).toBeVisible();
      await expectUsable(page);
      await page.getByLabel("Service").selectOption({ label: `${SERVICE} (30 min)` });
      await page.getByLabel("Stylist").selectOption({ label: "Tom" });
      await expect(page.getByLabel("Date")).toHaveValue(date);
      await page.getByLabel("Start time").fill("15:00");
      await page.getByLabel("Customer name").fill(name);
      await page.getByRole("button", { name: "Add booking" }).click();

      await expect(page.getByRole("status").filter({ hasText: "Booking added." })).toBeVisible();
      await expect(page.getByRole("heading", { level: 1, name: /^Booking [A-Z0-9]+$/ })).toBeVisible();
      const reference = (await page.getByRole("heading", { level: 1 }).innerText()).replace("Booking ", "").trim();
      await expect(page.getByRole("region", { name: "History" })).toContainText("by you (the salon)");
      await expectUsable(page);

      await page.getByRole("link", { name: /Calendar of/ }).click();
      await expect(dashboardPage.calendarBooking(name)).toBeVisible();
      await expect(dashboardPage.entry(reference).first()).toBeVisible();
    });

    test(`the owner moves a customer's booking; the customer gets one update with the new time and the next SEQUENCE (${viewport.name})`, async ({
      page,
      request,
      signInPage,
      dashboardPage,
    }) => {
      const date = workingDayAhead(SEEDED_SALON.timeZone, viewport.name === "phone" ? 11 : 12);
      const email = `moved-${unique()}@example.test`;
      const api = new BookingApi(request);
      const salon = await api.salon(SEEDED_SALON.slug);
      const service = salon.services.find((s) => s.name === SERVICE)!;
      const isla = salon.stylists.find((s) => s.name === "Isla")!;
      const [slot] = await api.availability(SEEDED_SALON.slug, { serviceId: service.id, stylistId: isla.id, from: date });
      const made = await request.post("/api/v1/bookings", {
        headers: { "Idempotency-Key": `e2e-move-${unique()}-${unique()}` },
        data: { salon: SEEDED_SALON.slug, serviceId: service.id, stylistId: isla.id, start: slot.start, customer: { name: "Moved Mo", email } },
      });
      expect(made.status()).toBe(201);
      const booking = (await made.json()) as { id: string; reference: string };
      await waitForMail(email, /confirmed/i);

      await signIn(signInPage, dashboardPage);
      await page.goto(`/dashboard/bookings/${booking.id}`);
      const move = page.getByRole("region", { name: "Move" });
      const picker = move.getByLabel(/^New time on/);
      // A later time with another stylist: the picker's last choice.
      const options = await picker.locator("option").allInnerTexts();
      expect(options.length).toBeGreaterThan(1);
      const choice = options[options.length - 1];
      const newTime = choice.slice(0, 5);
      await picker.selectOption({ label: choice });
      await expectUsable(page);
      await move.getByRole("button", { name: "Move booking" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Booking moved." })).toBeVisible();
      await expect(page.getByRole("region", { name: "Details" })).toContainText(newTime);
      await expect(page.getByRole("region", { name: "History" })).toContainText("by you (the salon)");

      const update = await waitForMail(email, /moved/i);
      expect(update.subject).toContain(newTime);
      const ics = update.attachments.find((a) => a.contentType.startsWith("text/calendar"))?.content.toString("utf8") ?? "";
      expect(ics).toMatch(/SEQUENCE:2/);
      // Exactly one update for one move (given the relay a moment to send any second one).
      await page.waitForTimeout(1_500);
      const mails = await Promise.all(
        (await readdir(E2E_MAIL_DIR)).filter((n) => n.endsWith(".eml")).map(async (n) => simpleParser(await readFile(path.join(E2E_MAIL_DIR, n)))),
      );
      const updates = mails.filter((m) => [m.to ?? []].flat().some((a) => a.value.some((v) => v.address === email)) && /moved/i.test(m.subject ?? ""));
      expect(updates).toHaveLength(1);
    });
  });
}
