import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { simpleParser } from "mailparser";
import { test as base, expect, SEEDED_SALON, workingDayAhead } from "./fixtures";
import { E2E_MAIL_DIR, waitForMail } from "./mailbox";
import { BookingApi } from "./pages/booking-api";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";

// The owner's first screen and bar: at 1280×800 the live feed is on the first screen beside the
// calendar; at 390×844 the owner bar is one row with its links behind a Menu button. A booking is
// dragged to another time and stylist on the desktop day view, confirmed, and its customer gets
// one update. A published salon is unpublished and published again.

const AVA = { email: "ava@example.com", password: "demo-password-ava", name: "Ava Thompson" };
const MARCUS = { email: "marcus@example.com", password: "demo-password-marcus" };
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };
const OWNER_LINKS = ["Calendar", "Delivery health", "Salons and settings", "Account"];
const PX_PER_MINUTE = 1.1; // components/dashboard/day-calendar.tsx

const test = base.extend<{ signInPage: SignInPage; dashboardPage: DashboardPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
});
test.use({ locale: "en-GB", timezoneId: "Europe/London" });

const unique = () => Math.random().toString(36).slice(2, 8);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function signIn(page: Page, owner: { email: string; password: string }, callbackUrl = "/dashboard") {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await new SignInPage(page).signIn(owner.email, owner.password);
  await page.waitForURL((url) => url.pathname === callbackUrl);
}

/** A customer's booking of the seeded salon through the public API, at the stylist's first free time. */
async function book(request: APIRequestContext, input: { stylist: string; date: string; name: string; email: string; after?: string }) {
  const api = new BookingApi(request);
  const salon = await api.salon(SEEDED_SALON.slug);
  const service = salon.services.find((s) => s.name === "Men's cut")!;
  const stylist = salon.stylists.find((s) => s.name === input.stylist)!;
  const slots = await api.availability(SEEDED_SALON.slug, { serviceId: service.id, stylistId: stylist.id, from: input.date });
  const slot = slots.find((s) => !input.after || s.start > input.after)!;
  const made = await request.post("/api/v1/bookings", {
    headers: { "Idempotency-Key": `e2e-owner-ui-${unique()}-${unique()}` },
    data: { salon: SEEDED_SALON.slug, serviceId: service.id, stylistId: stylist.id, start: slot.start, customer: { name: input.name, email: input.email } },
  });
  expect(made.status()).toBe(201);
  return (await made.json()) as { id: string; start: string; local: string; manageToken: string };
}

/** Drags a calendar block with the mouse: to a stylist's column, this many minutes later (or earlier). */
async function dragBlock(page: Page, block: Locator, column: Locator, minutes: number) {
  const from = (await block.boundingBox())!;
  const to = (await column.boundingBox())!;
  const x = from.x + from.width / 2;
  const y = from.y + Math.min(from.height / 2, 10);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 10, y + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, y + minutes * PX_PER_MINUTE, { steps: 10 });
  await page.mouse.up();
}

test("at 1280×800 the live feed is on the first screen, beside the calendar", async ({ page, dashboardPage }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, AVA);
  await dashboardPage.expectLive();
  const feed = (await dashboardPage.feed.boundingBox())!;
  const calendar = (await dashboardPage.calendar.boundingBox())!;
  // Its heading and its first rows are above the fold, and it sits to the right of the calendar.
  expect(feed.y + 150).toBeLessThan(DESKTOP.height);
  await expect(page.getByRole("heading", { name: /^Live bookings/ })).toBeInViewport();
  expect(feed.x).toBeGreaterThanOrEqual(calendar.x + calendar.width);
  const first = dashboardPage.entries.first();
  if ((await dashboardPage.entries.count()) > 0) await expect(first).toBeInViewport();
  expect(await seriousViolations(page), "dashboard at 1280×800").toEqual([]);
});

test("at 390×844 the owner bar is one row, and every owner link is in its Menu", async ({ page, dashboardPage }) => {
  await page.setViewportSize(PHONE);
  await signIn(page, AVA);
  const header = page.getByRole("banner");
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);

  const menu = header.getByRole("button", { name: "Menu" });
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await menu.click();
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  const nav = page.getByRole("navigation", { name: "Owner" });
  for (const name of OWNER_LINKS) await expect(nav.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByText(`Signed in as ${AVA.name}`).filter({ visible: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  // Opening moves focus into the menu; Escape closes it and gives focus back to the button.
  await expect(nav.getByRole("link", { name: "Calendar", exact: true })).toBeFocused();
  expect(await seriousViolations(page), "phone menu open").toEqual([]);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(nav).toBeHidden();
  await expect(menu).toBeFocused();

  // The header stays one row on the other owner pages, and the menu leads there.
  await menu.click();
  await nav.getByRole("link", { name: "Salons and settings" }).click();
  await page.waitForURL(/\/salons$/);
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  expect((await header.boundingBox())!.height).toBeLessThanOrEqual(64);
  await expect(page.getByRole("listitem").filter({ hasText: SEEDED_SALON.name })).toContainText("Published");
  expect(await seriousViolations(page), "salons list on a phone").toEqual([]);
  await dashboardPage.signOut();
  await page.waitForURL((url) => !url.pathname.startsWith("/dashboard"));
});

test("at 1280×800 the owner drags a booking to another time and stylist; a refused drop goes back; the customer gets one update", async ({
  page,
  request,
  dashboardPage,
}) => {
  test.setTimeout(120_000);
  const date = workingDayAhead(SEEDED_SALON.timeZone, 15 + Math.floor(Math.random() * 20));
  const email = `dragged-${unique()}@example.test`;
  const name = `Dragged Dee ${unique()}`;
  const booking = await book(request, { stylist: "Isla", date, name, email });
  await waitForMail(email, /confirmed/i);
  // Another customer of Tom's, an hour after: the first drop lands on it and is refused.
  const blocker = await book(request, {
    stylist: "Tom",
    date,
    name: `Blocking Bo ${unique()}`,
    email: `blocker-${unique()}@example.test`,
    after: new Date(Date.parse(booking.start) + 59 * 60_000).toISOString(),
  });
  const minutesToBlocker = (Date.parse(blocker.start) - Date.parse(booking.start)) / 60_000;

  await page.setViewportSize(DESKTOP);
  await signIn(page, AVA);
  const salonId = await dashboardPage.salonId(SEEDED_SALON.name);
  await dashboardPage.goto(`?salon=${salonId}&date=${date}`);
  const block = dashboardPage.calendarBooking(name);
  await expect(block).toBeVisible();
  const oldTime = booking.local.slice(11, 16);
  await expect(block).toContainText(oldTime);

  // Onto Tom's booking: the dialog asks, the server refuses, the block goes back.
  await dragBlock(page, block, dashboardPage.stylistColumn("Tom"), minutesToBlocker);
  const dialog = page.getByRole("dialog", { name: new RegExp(`^Move ${name}'s Men's cut to \\d\\d:\\d\\d with Tom\\?`) });
  await expect(dialog).toBeVisible();
  expect(await seriousViolations(page), "move confirmation").toEqual([]);
  await dialog.getByRole("button", { name: "Move" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The booking was not moved." })).toBeVisible();
  await expect(dashboardPage.calendarBooking(name, dashboardPage.stylistColumn("Isla"))).toContainText(oldTime);

  // Cancel puts it back without asking the server.
  await dragBlock(page, block, dashboardPage.stylistColumn("Tom"), 120);
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("dialog")).toBeHidden();
  await expect(dashboardPage.calendarBooking(name, dashboardPage.stylistColumn("Isla"))).toContainText(oldTime);

  // Two hours later with Tom: confirmed, and the calendar shows it there.
  await dragBlock(page, block, dashboardPage.stylistColumn("Tom"), 120);
  const confirm = page.getByRole("dialog", { name: new RegExp(`with Tom\\?`) });
  const newTime = /to (\d\d:\d\d) with/.exec((await confirm.getByRole("heading").innerText()) ?? "")![1];
  await confirm.getByRole("button", { name: "Move" }).click();
  await expect(dashboardPage.calendarBooking(name, dashboardPage.stylistColumn("Tom"))).toContainText(newTime);
  await expect(dashboardPage.calendarBooking(name, dashboardPage.stylistColumn("Isla"))).toHaveCount(0);
  await expect(page).toHaveURL(new RegExp(`date=${date}`));
  // A plain click (no drag) still opens the booking, whose history says the salon moved it.
  await dashboardPage.calendarBooking(name, dashboardPage.stylistColumn("Tom")).click();
  await page.waitForURL(/\/dashboard\/bookings\//);
  await expect(page.getByRole("region", { name: "History" })).toContainText("by you (the salon)");

  const update = await waitForMail(email, /moved/i);
  expect(update.subject).toContain(newTime);
  await page.waitForTimeout(1_500);
  const mails = await Promise.all(
    (await readdir(E2E_MAIL_DIR)).filter((n) => n.endsWith(".eml")).map(async (n) => simpleParser(await readFile(path.join(E2E_MAIL_DIR, n)))),
  );
  const updates = mails.filter((m) => [m.to ?? []].flat().some((a) => a.value.some((v) => v.address === email)) && /moved/i.test(m.subject ?? ""));
  expect(updates).toHaveLength(1);
});

test("an owner unpublishes a salon: customers cannot find it, its bookings' manage links still work; publishing again opens it", async ({
  page,
  browser,
  request,
}) => {
  const api = new BookingApi(request);
  const salon = await api.salon("mission-mane");
  const [slot] = await api.availability("mission-mane", { serviceId: salon.services[0].id, from: workingDayAhead("America/Los_Angeles", 12) });
  const made = await request.post("/api/v1/bookings", {
    headers: { "Idempotency-Key": `e2e-unpublish-${unique()}` },
    data: { salon: "mission-mane", serviceId: salon.services[0].id, stylistId: slot.stylistIds[0], start: slot.start, customer: { name: "Kept Kim", email: `kept-${unique()}@example.test` } },
  });
  expect(made.status()).toBe(201);
  const { manageToken, reference } = (await made.json()) as { manageToken: string; reference: string };

  await page.setViewportSize(DESKTOP);
  await signIn(page, MARCUS, "/salons");
  await page.getByRole("link", { name: "Mission Mane" }).click();
  await page.waitForURL(/\/settings/);
  const publication = page.getByRole("region", { name: "Published" });
  await publication.getByRole("button", { name: "Unpublish…" }).click();
  await expect(publication).toContainText("Customers will no longer find this salon");
  expect(await seriousViolations(page), "unpublish confirmation").toEqual([]);
  await publication.getByRole("button", { name: "Unpublish", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Salon unpublished." })).toBeVisible();

  const customer = await browser.newPage();
  try {
    expect((await customer.goto("/s/mission-mane"))!.status()).toBe(404);
    await customer.goto("/");
    await expect(customer.getByRole("link", { name: /Mission Mane/ })).toHaveCount(0);
    await customer.goto(`/b/${manageToken}`);
    await expect(customer.getByText(reference).first()).toBeVisible();
  } finally {
    await customer.close();
  }

  await page.goto("/salons");
  await expect(page.getByRole("listitem").filter({ hasText: "Mission Mane" })).toContainText("Not published");
  expect(await seriousViolations(page), "salons list with an unpublished salon").toEqual([]);
  await page.getByRole("link", { name: /ready to publish/ }).click();
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Salon published." })).toBeVisible();
  expect((await request.get("/api/v1/salons/mission-mane")).status()).toBe(200);
});
