import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import { DateTime } from "luxon";
import { test as base, expect, SEEDED_SALON } from "./fixtures";
import { DashboardPage } from "./pages/dashboard-page";
import { SalonDetailsSettingsPage } from "./pages/settings-salon-page";
import { SignInPage } from "./pages/sign-in-page";

// The owner's working day at both sizes: a busy three-stylist day readable on a phone without
// sideways scrolling, a booking from another browser noticed in the title, on screen and in the
// calendar, and a new salon that customers cannot see until it is published.

const AVA = { email: "ava@example.com", password: "demo-password-ava" };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
// 120 characters with no space to break at: it must be cut, never widen the page.
const LONG_NAME = `Hubert ${"Wolfeschlegelsteinhausenbergerdorff".repeat(4)}`.slice(0, 120);

const test = base.extend<{ dashboardPage: DashboardPage }>({
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
});
test.use({ locale: "en-GB", timezoneId: "Europe/London" });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function signIn(page: Page, callbackUrl = "/dashboard") {
  const signInPage = new SignInPage(page);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await signInPage.signIn(AVA.email, AVA.password);
  await page.waitForURL((url) => url.pathname === callbackUrl);
}

/** A working day (Tue–Sat) this many days ahead in London: all three seeded stylists work. */
function busyDay(daysAhead: number): string {
  let day = DateTime.now().setZone(SEEDED_SALON.timeZone).startOf("day").plus({ days: daysAhead });
  while (day.weekday === 7 || day.weekday === 1) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

/** A customer books the first free time of a stylist on a date through the public API. */
async function book(request: APIRequestContext, choice: { stylistId: string; serviceId: string; date: string; name: string }) {
  const query = new URLSearchParams({ serviceId: choice.serviceId, stylistId: choice.stylistId, from: choice.date });
  const slots = (await (await request.get(`/api/v1/salons/${SEEDED_SALON.slug}/availability?${query}`)).json()).slots as { start: string }[];
  expect(slots.length, `a free time on ${choice.date}`).toBeGreaterThan(0);
  const response = await request.post("/api/v1/bookings", {
    headers: { "Idempotency-Key": randomUUID() },
    data: {
      salon: SEEDED_SALON.slug,
      serviceId: choice.serviceId,
      stylistId: choice.stylistId,
      start: slots[0].start,
      customer: { name: choice.name, email: `day-${randomUUID().slice(0, 8)}@example.test` },
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string; reference: string };
}

async function seededSalon(request: APIRequestContext) {
  const response = await request.get(`/api/v1/salons/${SEEDED_SALON.slug}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as { services: { id: string; name: string }[]; stylists: { id: string; name: string }[] };
}

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, "page width").toBeLessThanOrEqual(widths.client);
}

test("on a phone, every booking of a busy three-stylist day is listed without scrolling sideways", async ({ page, dashboardPage, request }) => {
  test.setTimeout(180_000);
  const date = busyDay(30 + Math.floor(Math.random() * 40));
  const salon = await seededSalon(request);
  expect(salon.stylists).toHaveLength(3);
  const names: string[] = [];
  for (const stylist of salon.stylists) {
    for (let i = 0; i < 3; i++) {
      const name = names.length === 4 ? LONG_NAME : `${stylist.name}'s customer ${i + 1} ${randomUUID().slice(0, 4)}`;
      await book(request, { stylistId: stylist.id, serviceId: salon.services[0].id, date, name });
      names.push(name);
    }
  }

  await page.setViewportSize(PHONE);
  await signIn(page);
  const salonId = await dashboardPage.salonId(SEEDED_SALON.name);
  await dashboardPage.goto(`?salon=${salonId}&date=${date}`);
  await expect(dashboardPage.calendarHeading).toContainText(DateTime.fromISO(date).setLocale("en-GB").toFormat("cccc d LLLL yyyy"));
  // The compact header leaves the day's first booking on the first screen.
  await expect(dashboardPage.calendar.getByRole("link", { name: /^\d\d:\d\d/ }).first()).toBeInViewport();
  await expectNoSidewaysScroll(page);
  for (const name of names) {
    const link = dashboardPage.calendarBooking(name.slice(0, 40));
    await expect(link, name).toBeVisible();
    await link.scrollIntoViewIfNeeded();
    const box = (await link.boundingBox())!;
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(PHONE.width);
  }
  // The long name is cut on the calendar and whole on the booking's page.
  await dashboardPage.calendarBooking(LONG_NAME.slice(0, 40)).click();
  await expect(page.getByText(LONG_NAME, { exact: true }).first()).toBeVisible();
  await expectNoSidewaysScroll(page);

  // The week on a phone: the same bookings, listed day by day.
  await dashboardPage.goto(`?salon=${salonId}&view=week&date=${date}`);
  for (const name of names) await expect(dashboardPage.calendarBooking(name.slice(0, 40)), name).toBeVisible();
  await expectNoSidewaysScroll(page);
  expect(await seriousViolations(page), "week on a phone").toEqual([]);

  // The desktop keeps a column per stylist, every booking in one.
  await page.setViewportSize(DESKTOP);
  await dashboardPage.goto(`?salon=${salonId}&date=${date}`);
  for (const stylist of salon.stylists) await expect(dashboardPage.stylistColumn(stylist.name)).toBeVisible();
  for (const name of names) await expect(dashboardPage.calendarBooking(name.slice(0, 40)), name).toBeVisible();
  await expectNoSidewaysScroll(page);
  expect(await seriousViolations(page), "day on a desktop").toEqual([]);
});

for (const size of [DESKTOP, PHONE]) {
  test(`at ${size.width}×${size.height} a booking from another browser shows in the title, on screen and in the calendar`, async ({
    page,
    dashboardPage,
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(size);
    const salon = await seededSalon(request);
    const date = busyDay(75 + Math.floor(Math.random() * 10));

    await signIn(page);
    const salonId = await dashboardPage.salonId(SEEDED_SALON.name);
    await dashboardPage.goto(`?salon=${salonId}&date=${date}`);
    await dashboardPage.expectLive();
    const markAll = page.getByRole("button", { name: "Mark all as read" });
    if (await markAll.isEnabled()) await markAll.click();
    await expect(page).toHaveTitle(/^Dashboard · /);

    const name = `Arriving ${randomUUID().slice(0, 6)}`;
    const customer = await browser.newContext();
    await book(customer.request, { stylistId: salon.stylists[2].id, serviceId: salon.services[0].id, date, name });

    await expect(page).toHaveTitle(/^\(1\) Dashboard · /);
    const toast = page.getByRole("complementary", { name: "Latest booking" });
    await expect(toast).toContainText(name);
    await expect(toast).toBeInViewport();
    // The calendar re-renders with the new booking marked as new.
    await expect(dashboardPage.calendarBooking(name)).toContainText("New");
    // The calendar's re-render does not count the booking a second time.
    await expect(page).toHaveTitle(/^\(1\) Dashboard · /);
    expect(await dashboardPage.unreadCount()).toBe(1);
    expect(await seriousViolations(page), "dashboard with a new booking").toEqual([]);

    // While the stream is still connecting, the count is the server's, not 0.
    await page.route("**/api/dashboard/stream", () => {});
    await page.reload();
    await expect(dashboardPage.feedStatus).toHaveText(/Connecting/);
    expect(await dashboardPage.unreadCount()).toBe(1);
    await expect(page).toHaveTitle(/^\(1\) Dashboard · /);
    await page.unroute("**/api/dashboard/stream");
    await customer.close();
  });
}

test("a new salon is hidden from customers until it is published, with a checklist of what is missing", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const salon = { name: `Quiet Corner ${suffix}`, slug: `quiet-corner-${suffix}` };
  await signIn(page, "/salons/new");
  const details = new SalonDetailsSettingsPage(page);
  await details.nameField.fill(salon.name);
  await details.slugField.fill(salon.slug);
  await details.submitButton.click();
  await expect(page).toHaveURL(/\/salons\/[0-9a-f-]{36}\/settings\?saved=created$/);

  const checklist = page.getByRole("list", { name: "Before you publish" });
  await expect(page.getByRole("heading", { name: /Not yet published/ })).toBeVisible();
  await expect(checklist.getByRole("link", { name: /Add at least one service/ })).toBeVisible();
  await expect(checklist.getByRole("link", { name: /Add at least one stylist/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Publish" })).toHaveCount(0);
  for (const size of [PHONE, DESKTOP]) {
    await page.setViewportSize(size);
    await expectNoSidewaysScroll(page);
    expect(await seriousViolations(page), `settings at ${size.width}`).toEqual([]);
  }

  // The owner's calendar of it says so too, with the way to finish.
  const salonId = /\/salons\/([0-9a-f-]{36})\/settings/.exec(page.url())![1];
  await page.goto(`/dashboard?salon=${salonId}`);
  await expect(page.getByText("Not published: customers cannot see or book this salon yet.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Finish setting it up and publish it" })).toHaveAttribute("href", `/salons/${salonId}/settings`);

  const customer = await browser.newContext();
  const visitor = await customer.newPage();
  await visitor.goto("/");
  await expect(visitor.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(visitor.getByText(salon.name)).toHaveCount(0);
  expect((await visitor.goto(`/s/${salon.slug}`))?.status()).toBe(404);
  expect((await customer.request.get(`/api/v1/salons/${salon.slug}`)).status()).toBe(404);
  await customer.close();
});
