import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, Locator, Page } from "@playwright/test";
import { DateTime } from "luxon";
import { simpleParser, type ParsedMail } from "mailparser";
import { test as base, expect, SEEDED_SALON, workingDayAhead } from "./fixtures";
import { BookingFormPage } from "./pages/booking-form-page";
import { ConfirmationPage } from "./pages/confirmation-page";
import { DashboardBookingPage } from "./pages/dashboard-booking-page";
import { DashboardHealthPage } from "./pages/dashboard-health-page";
import { DashboardPage } from "./pages/dashboard-page";
import { SalonPage } from "./pages/salon-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

// The owner's side, end to end: a customer books in one browser; the owner's calendar and feed
// show it live in the salon's time (the owner's browser is in Los Angeles, the salon in London);
// the owner opens it and cancels it; the customer's mailbox says so. Then the same by keyboard
// alone, the refusals for strangers and other owners, sign-up, and axe scans of every owner page.

const AVA = { email: "ava@example.com", password: "demo-password-ava", name: "Ava Thompson" };
const MARCUS = { email: "marcus@example.com", password: "demo-password-marcus", name: "Marcus Reed" };
const SERVICE = "Men's cut";
// The e2e server's dev mailbox (playwright.config.ts: DATA_DIR=.data/e2e, no SMTP_URL).
const MAIL_DIR = path.resolve(".data/e2e/mail");

const test = base.extend<{ signInPage: SignInPage; dashboardPage: DashboardPage; bookingPage: DashboardBookingPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
  bookingPage: async ({ page }, use) => use(new DashboardBookingPage(page)),
});

test.use({ locale: "en-GB", timezoneId: "America/Los_Angeles" });

const unique = () => Math.random().toString(36).slice(2, 8);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A customer, in a browser of their own, books the first free time of a stylist on a date. */
async function customerBooks(browser: Browser, choice: { stylist: string; date: string; name: string; email: string }) {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  const salonPage = new SalonPage(page);
  const form = new BookingFormPage(page);
  const confirmation = new ConfirmationPage(page);
  await salonPage.goto(SEEDED_SALON.slug);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: choice.stylist, date: choice.date });
  const time = (await salonPage.slotTimes())[0];
  expect(time, "a free time to book").toMatch(/^\d\d:\d\d$/);
  await salonPage.slot(time).click();
  await form.expectLoaded();
  await form.fillDetails({ name: choice.name, email: choice.email });
  await form.submit();
  await confirmation.expectLoaded();
  const booking = { reference: (await confirmation.reference.innerText()).trim(), id: await confirmation.bookingId(), time };
  await context.close();
  return booking;
}

/** The customer's mail about a booking, from the dev mailbox folder, once the relay has written it. */
async function customerMail(to: string, subject: RegExp): Promise<ParsedMail> {
  let found: ParsedMail | undefined;
  await expect
    .poll(
      async () => {
        const names = (await readdir(MAIL_DIR).catch(() => [] as string[])).filter((n) => n.endsWith(".eml"));
        for (const name of names.sort().reverse()) {
          const mail = await simpleParser(await readFile(path.join(MAIL_DIR, name)));
          const recipients = [mail.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address));
          if (recipients.includes(to) && subject.test(mail.subject ?? "")) {
            found = mail;
            return true;
          }
        }
        return false;
      },
      { timeout: 20_000, message: `a mail to ${to} with subject ${subject}` },
    )
    .toBe(true);
  return found!;
}

/** Presses Tab until the element has focus, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
  }
  throw new Error(`could not reach ${target} with Tab`);
}

test("a booking appears live in the owner's calendar and feed in London time; the owner cancels it and the customer is told", async ({
  browser,
  page,
  signInPage,
  dashboardPage,
  bookingPage,
}) => {
  const date = workingDayAhead(SEEDED_SALON.timeZone, 6);
  const customer = { name: `Grace Hopper ${unique()}`, email: `grace-${unique()}@example.test` };

  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await dashboardPage.switchSalon(SEEDED_SALON.name);
  await dashboardPage.goToDate(date);
  await expect(dashboardPage.calendarHeading).toHaveText(DateTime.fromISO(date).setLocale("en-GB").toFormat("cccc d LLLL yyyy"));
  const zoneName = DateTime.fromISO(date, { zone: SEEDED_SALON.timeZone }).set({ hour: 12 }).setLocale("en-US").offsetNameLong;
  await expect(dashboardPage.calendar).toContainText(`times in ${zoneName} (Europe/London)`);
  const isla = dashboardPage.stylistColumn("Isla");
  await expect(isla).toBeVisible();
  await expect(dashboardPage.calendarBooking(customer.name)).toHaveCount(0);
  await dashboardPage.expectLive();
  // Survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  const booking = await customerBooks(browser, { stylist: "Isla", date, ...customer });

  // The calendar shows it in Isla's column at the London time, and the feed lists it — no reload.
  const inCalendar = dashboardPage.calendarBooking(customer.name, isla);
  await expect(inCalendar).toBeVisible({ timeout: 15_000 });
  const start = DateTime.fromISO(`${date}T${booking.time}`, { zone: SEEDED_SALON.timeZone });
  const end = start.plus({ minutes: 30 });
  await expect(inCalendar).toContainText(`${booking.time}–${end.toFormat("HH:mm")} ${customer.name}`);
  expect(DateTime.fromISO((await inCalendar.locator("time").first().getAttribute("datetime"))!).toMillis()).toBe(start.toMillis());
  await expect(dashboardPage.entry(booking.reference)).toContainText(`${customer.name} · ${SERVICE} with Isla`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The owner opens it: everything the customer gave, the time in the salon's zone.
  await inCalendar.click();
  await bookingPage.expectLoaded(booking.reference);
  await expect(bookingPage.detail("Customer")).toHaveText(customer.name);
  await expect(bookingPage.detail("Email")).toHaveText(customer.email);
  await expect(bookingPage.detail("Stylist")).toHaveText("Isla");
  await expect(bookingPage.detail("Time")).toContainText(`${booking.time}–${end.toFormat("HH:mm")}`);
  await expect(bookingPage.detail("Time")).toContainText("(Europe/London)");
  await expect(bookingPage.detail("Status")).toHaveText("Confirmed");
  await expect(bookingPage.history).toContainText("New booking");

  // Cancel, with a second look first; "Keep booking" backs out.
  await bookingPage.cancelButton.click();
  await expect(bookingPage.confirmCancelButton).toBeFocused();
  await bookingPage.keepButton.click();
  await expect(bookingPage.cancelButton).toBeFocused();
  await bookingPage.cancel();
  await expect(bookingPage.detail("Status")).toHaveText("Cancelled");
  await expect(bookingPage.cancelButton).toHaveCount(0);
  await expect(bookingPage.history).toContainText("Cancelled");

  // The customer's mailbox: the cancellation, from the salon, with the reference.
  const mail = await customerMail(customer.email, /^Booking cancelled:/);
  expect(mail.text).toContain(`${SEEDED_SALON.name} has had to cancel your appointment`);
  expect(mail.text).toContain(booking.reference);

  // Back in the calendar the booking is still there, marked cancelled in words.
  await page.getByRole("link", { name: /Calendar of/ }).click();
  await expect(dashboardPage.calendarBooking(customer.name, isla)).toContainText("(Cancelled)");
});

test("keyboard alone: sign in, open a new booking from the feed, cancel it", async ({ browser, page, signInPage, bookingPage }) => {
  const date = workingDayAhead(SEEDED_SALON.timeZone, 7);
  const customer = { name: `Alan Turing ${unique()}`, email: `alan-${unique()}@example.test` };
  const booking = await customerBooks(browser, { stylist: "Tom", date, ...customer });

  await signInPage.goto("/dashboard");
  await tabTo(page, signInPage.emailField);
  await page.keyboard.type(AVA.email);
  await page.keyboard.press("Tab");
  await expect(signInPage.passwordField).toBeFocused();
  await page.keyboard.type(AVA.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();

  const dashboard = new DashboardPage(page);
  const link = dashboard.entryDetailsLink(booking.reference);
  await expect(link).toBeVisible({ timeout: 15_000 });
  await tabTo(page, link, 150);
  await page.keyboard.press("Enter");
  await bookingPage.expectLoaded(booking.reference);

  await tabTo(page, bookingPage.cancelButton);
  await page.keyboard.press("Enter");
  await expect(bookingPage.confirmCancelButton).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(bookingPage.notice).toContainText("Booking cancelled");
  await expect(bookingPage.detail("Status")).toHaveText("Cancelled");
});

test("strangers are sent to sign in, and another owner gets 404 for Ava's salon, booking and health pages", async ({
  browser,
  page,
  signInPage,
  dashboardPage,
}) => {
  const customer = { name: `Kat Johnson ${unique()}`, email: `kat-${unique()}@example.test` };
  const booking = await customerBooks(browser, { stylist: "Priya", date: workingDayAhead(SEEDED_SALON.timeZone, 8), ...customer });

  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  const salonId = await dashboardPage.salonId(SEEDED_SALON.name);
  expect(salonId).toMatch(/^[0-9a-f-]{36}$/);
  const avasPages = [`/dashboard?salon=${salonId}`, `/dashboard/bookings/${booking.id}`, `/dashboard/health?salon=${salonId}`];

  // Nobody signed in: every owner page sends them to sign in first.
  const stranger = await browser.newContext();
  const strangerPage = await stranger.newPage();
  for (const url of [...avasPages, "/dashboard/health"]) {
    await strangerPage.goto(url);
    await expect(strangerPage).toHaveURL(/\/sign-in\?callbackUrl=/);
  }
  const stream = await strangerPage.request.get("/api/dashboard/stream");
  expect(stream.status()).toBe(401);
  await stranger.close();

  // Marcus, signed in: 404 for each, and not a word of Ava's data.
  const marcusContext = await browser.newContext();
  const marcusPage = await marcusContext.newPage();
  const marcusSignIn = new SignInPage(marcusPage);
  await marcusSignIn.goto("/dashboard");
  await marcusSignIn.signIn(MARCUS.email, MARCUS.password);
  await expect(marcusPage.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(new DashboardPage(marcusPage).salonSwitcher).not.toContainText(SEEDED_SALON.name);
  for (const url of avasPages) {
    const response = await marcusPage.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(marcusPage.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    await expect(marcusPage.locator("main")).not.toContainText(customer.name);
    await expect(marcusPage.locator("main")).not.toContainText(SEEDED_SALON.name);
  }
  // Malformed ids are 404s too, never 500s.
  for (const url of ["/dashboard?salon=nope", "/dashboard?date=2027-02-30", "/dashboard/bookings/nope", "/dashboard/health?salon=1%27"]) {
    expect((await marcusPage.goto(url))?.status(), url).toBe(404);
  }
  await marcusContext.close();

  // Ava still sees her booking untouched.
  await page.goto(`/dashboard/bookings/${booking.id}`);
  await expect(new DashboardBookingPage(page).detail("Status")).toHaveText("Confirmed");
});

test("a new owner signs up, is signed in, and can sign out from the owner bar", async ({ page, signInPage }) => {
  const signUp = new SignUpPage(page);
  const email = `new-owner-${unique()}@example.test`;
  await signUp.goto();
  await signUp.signUp({ name: "Nia Newcomer", email, password: "short" });
  await expect(signUp.passwordField).toHaveAccessibleDescription(/Password must be at least 12 characters/);
  await expect(signUp.passwordField).toBeFocused();
  await expect(signUp.nameField).toHaveValue("Nia Newcomer");

  await signUp.signUp({ name: "Nia Newcomer", email, password: "a long enough password" });
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByText("Signed in as Nia Newcomer")).toBeVisible();
  await expect(page.getByText("You do not own any salons yet.")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await signInPage.expectLoaded();

  // The same email again: told so by the field, no second account.
  await signUp.goto();
  await signUp.signUp({ name: "Someone Else", email: email.toUpperCase(), password: "another long password" });
  await expect(signUp.emailField).toHaveAccessibleDescription("An account with this email already exists. Sign in instead.");
  await expect(page).toHaveURL(/\/sign-up$/);

  // And the new account signs in with what was chosen.
  await signInPage.goto("/dashboard");
  await signInPage.signIn(email, "a long enough password");
  await expect(page.getByText("Signed in as Nia Newcomer")).toBeVisible();
});

test("no serious accessibility violations on the dashboard (day and week), a booking, delivery health, sign-in and sign-up", async ({
  browser,
  page,
  signInPage,
  dashboardPage,
}) => {
  const customer = { name: `Hedy Lamarr ${unique()}`, email: `hedy-${unique()}@example.test` };
  const date = workingDayAhead(SEEDED_SALON.timeZone, 9);
  const booking = await customerBooks(browser, { stylist: "Priya", date, ...customer });

  await page.goto("/sign-up");
  expect(await seriousViolations(page), "sign-up").toEqual([]);
  await signInPage.goto("/dashboard");
  expect(await seriousViolations(page), "sign-in").toEqual([]);
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await dashboardPage.expectLive();
  await dashboardPage.switchSalon(SEEDED_SALON.name);
  await dashboardPage.goToDate(date);
  await expect(dashboardPage.calendarBooking(customer.name)).toBeVisible();
  expect(await seriousViolations(page), "dashboard, day").toEqual([]);
  await dashboardPage.showView("Week");
  await expect(dashboardPage.calendarBooking(customer.name)).toBeVisible();
  expect(await seriousViolations(page), "dashboard, week").toEqual([]);

  await page.goto(`/dashboard/bookings/${booking.id}`);
  await new DashboardBookingPage(page).expectLoaded(booking.reference);
  expect(await seriousViolations(page), "booking").toEqual([]);

  const health = new DashboardHealthPage(page);
  await page.getByRole("link", { name: `Delivery health of ${SEEDED_SALON.name}` }).click();
  await health.expectLoaded();
  // The customer's booking went out on every channel: nothing waits or gave up, and the hour's table counts it.
  await expect(health.rightNow).toContainText("Everything has gone out. Nothing is waiting.");
  await expect(health.givenUp).toContainText("None.");
  // Nothing waits on any channel, so the technical detail says so instead of a table of zeros.
  await health.channelCounts();
  await expect(health.rightNow).toContainText("No delivery is waiting, being retried or given up on any channel.");
  const latency = await health.latencyTable();
  // Only the five minutes that had deliveries are rows (the header row, then at least one).
  expect(await latency.getByRole("row").count()).toBeGreaterThanOrEqual(2);
  expect(await latency.getByRole("row").count()).toBeLessThanOrEqual(13);
  const delivered = async () =>
    (await latency.locator("tbody tr td:nth-of-type(1)").allInnerTexts()).reduce((n, t) => n + Number(t), 0);
  expect(await delivered(), "this hour's deliveries, every channel of the booking above").toBeGreaterThanOrEqual(3);
  expect(await seriousViolations(page), "health").toEqual([]);
});

test("a US salon's owner reads its calendar, feed and booking page on a 12-hour clock, month first", async ({
  page,
  bookingApi,
  signInPage,
  dashboardPage,
  bookingPage,
}) => {
  const US = { slug: "brooklyn-blowout", name: "Brooklyn Blowout Bar", timeZone: "America/New_York" };
  const date = workingDayAhead(US.timeZone, 5);
  const salon = await bookingApi.salon(US.slug);
  expect(salon).toMatchObject({ locale: "en-US", currency: "USD", country: "US" });
  const serviceId = salon.services.find((s) => s.name === "Blowout")!.id;
  const stylistId = salon.stylists.find((s) => s.name === "Jasmine")!.id;
  const slots = await bookingApi.availability(US.slug, { serviceId, stylistId, from: date });
  // An afternoon time, so "PM" shows the 12-hour clock at work.
  const slot = slots.find((s) => DateTime.fromISO(s.local, { setZone: true }).hour >= 13)!;
  const name = `Katherine Johnson ${unique()}`;
  const made = await page.request.post("/api/v1/bookings", {
    headers: { "Idempotency-Key": `e2e-us-owner-${unique()}` },
    data: { salon: US.slug, serviceId, stylistId, start: slot.start, customer: { name, email: `katherine-${unique()}@example.test` } },
  });
  expect(made.status()).toBe(201);
  const start = DateTime.fromISO(slot.local, { setZone: true }).setLocale("en-US");
  const end = start.plus({ minutes: 45 });
  const twelve = (t: DateTime) => t.toFormat("h:mm a");
  expect(twelve(start)).toMatch(/^\d{1,2}:\d\d PM$/);

  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await dashboardPage.switchSalon(US.name);
  await dashboardPage.goToDate(date);
  await expect(dashboardPage.calendarHeading).toHaveText(start.toFormat("cccc, LLLL d, yyyy"));
  const inCalendar = dashboardPage.calendarBooking(name, dashboardPage.stylistColumn("Jasmine"));
  await expect(inCalendar).toContainText(`${twelve(start)}–${twelve(end)} ${name}`);
  // The feed: the same time, the salon's clock and zone, whatever the browser's locale (en-GB here).
  await expect(dashboardPage.feed.getByRole("listitem").filter({ hasText: name }).locator("time").first()).toHaveText(
    new RegExp(`^${start.toFormat("ccc, LLL d, yyyy")}, ${twelve(start)} E[DS]T$`),
    { timeout: 15_000 },
  );

  await inCalendar.click();
  await expect(bookingPage.detail("Date")).toHaveText(start.toFormat("cccc, LLLL d, yyyy"));
  await expect(bookingPage.detail("Time")).toContainText(`${twelve(start)}–${twelve(end)}`);
  // Its reminder, not yet due, says when it goes out, on the salon's clock.
  await expect(bookingPage.history).toContainText(/Scheduled for \w+day, \w+ \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M/);
  await expect(bookingPage.history).not.toContainText("Waiting to go out");
});
