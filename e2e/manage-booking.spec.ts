import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import type { ParsedMail } from "mailparser";
import { DateTime } from "luxon";
import { test as base, expect, SEEDED_SALON, workingDayAhead } from "./fixtures";
import { waitForMail } from "./mailbox";
import { BookingFormPage } from "./pages/booking-form-page";
import { ConfirmationPage } from "./pages/confirmation-page";
import { DashboardPage } from "./pages/dashboard-page";
import { ManageBookingPage } from "./pages/manage-booking-page";
import { SalonPage } from "./pages/salon-page";
import { SignInPage } from "./pages/sign-in-page";

// After the booking: the customer follows the manage link from their confirmation email (read
// from the dev mailbox folder), moves the appointment in the browser, and the owner — signed in
// elsewhere — sees the move on the live feed without reloading.

const AVA = { email: "ava@example.com", password: "demo-password-ava", name: "Ava Thompson" };
const SERVICE = "Men's cut";
const STYLIST = "Tom";

const test = base.extend<{ signInPage: SignInPage; dashboardPage: DashboardPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
});

test.use({ locale: "en-GB", timezoneId: "America/Los_Angeles" });

function calendarText(mail: ParsedMail): string {
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(part, `an invitation in "${mail.subject}"`).toBeDefined();
  return part!.content.toString("utf8");
}

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

const manageLink = (mail: ParsedMail) => /(https?:\/\/\S+\/b\/[A-Za-z0-9_-]{43})(?=\s|$)/.exec(mail.text ?? "")?.[1];

test("the customer moves the booking from the emailed link; the owner's feed shows it live", async ({ browser, page, baseURL, signInPage, dashboardPage }) => {
  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await dashboardPage.expectLive();
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // The customer books in a browser of their own.
  const customerContext = await browser.newContext({ locale: "en-GB" });
  const customer = await customerContext.newPage();
  const date = workingDayAhead(SEEDED_SALON.timeZone, 9);
  const email = `mover-${Date.now()}@example.test`;
  const salonPage = new SalonPage(customer);
  await salonPage.goto(SEEDED_SALON.slug);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: STYLIST, date });
  const time = (await salonPage.slotTimes())[0];
  await salonPage.slot(time).click();
  const form = new BookingFormPage(customer);
  await form.expectLoaded();
  await form.fillDetails({ name: "Katherine Johnson", email });
  await form.submit();
  const confirmation = new ConfirmationPage(customer);
  await confirmation.expectLoaded();
  const reference = (await confirmation.reference.innerText()).trim();

  // The confirmation email: the slot details, the reference, an invitation, and a manage link of its own.
  const mail = await waitForMail(email, /^Booking confirmed: /, reference);
  const zone = DateTime.fromISO(`${date}T${time}`, { zone: SEEDED_SALON.timeZone }).toFormat("ZZZZ");
  for (const text of [SEEDED_SALON.name, SEEDED_SALON.address, SERVICE, `Stylist: ${STYLIST}`, `, ${time}–`, `(Europe/London, ${zone})`]) {
    expect(mail.text).toContain(text);
  }
  expect(calendarText(mail)).toMatch(/METHOD:REQUEST[\s\S]*SEQUENCE:1/);
  const link = manageLink(mail);
  expect(link, "a manage link in the email").toBeDefined();
  expect(link!.startsWith(`${baseURL}/b/`)).toBe(true);
  expect(link).not.toContain(confirmation.manageToken());

  // Following it opens the booking, with no Referer leaks and no indexing.
  const response = await customer.goto(link!);
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  expect(response?.headers()["x-robots-tag"]).toContain("noindex");
  const manage = new ManageBookingPage(customer);
  await manage.expectLoaded("Your booking");
  await expect(manage.reference).toHaveText(reference);
  const zoneName = DateTime.fromISO(`${date}T12:00`, { zone: SEEDED_SALON.timeZone }).setLocale("en-US").offsetNameLong!;
  await expect(manage.detail("Time")).toHaveText(`${time} ${zoneName}`);
  await expect(manage.detail("Status")).toHaveText("Confirmed");

  // Move it to the last free time of that day.
  const times = await manage.slotTimes();
  const newTime = times.at(-1)!;
  expect(newTime).not.toBe(time);
  await manage.moveTo(newTime);
  await expect(customer).toHaveURL(/\?moved=1$/);
  await expect(customer.getByText("Your booking has been moved")).toBeVisible();
  await expect(manage.detail("Time")).toHaveText(`${newTime} ${zoneName}`);

  // The owner's feed shows the move live (no reload), at the new time, with the old one.
  const moved = dashboardPage.entry(reference).filter({ hasText: "Rescheduled" });
  await expect(moved).toBeVisible({ timeout: 15_000 });
  const newStart = DateTime.fromISO(`${date}T${newTime}`, { zone: SEEDED_SALON.timeZone });
  expect(DateTime.fromISO((await moved.locator("time").first().getAttribute("datetime"))!).toMillis()).toBe(newStart.toMillis());
  await expect(moved).toContainText(`${time} `);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // The customer is told too, with an updated invitation for the same calendar entry.
  const update = await waitForMail(email, /^Booking moved: /, reference);
  expect(update.text).toContain(`New time: `);
  expect(update.text).toContain(`, ${newTime}–`);
  expect(calendarText(update)).toMatch(/SEQUENCE:2/);
  const uid = (ics: string) => /^UID:(.+)$/m.exec(ics)?.[1];
  expect(uid(calendarText(update))).toBe(uid(calendarText(mail)));

  // A truncated link opens nothing.
  const truncated = await customer.goto(link!.slice(0, -3));
  expect(truncated?.status()).toBe(404);
  await expect(customer.getByRole("heading", { name: "Booking link not found" })).toBeVisible();
  await customerContext.close();
});

test("a cancelled booking's links show it cancelled and offer nothing; the time is free again", async ({ page, request, bookingApi }) => {
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const serviceId = salon.services.find((s) => s.name === SERVICE)!.id;
  const stylistId = salon.stylists.find((s) => s.name === STYLIST)!.id;
  const date = workingDayAhead(SEEDED_SALON.timeZone, 10);
  const [slot] = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, stylistId, from: date });
  const made = await request.post("/api/v1/bookings", {
    headers: { "Idempotency-Key": `e2e-cancel-${Date.now()}` },
    data: { salon: SEEDED_SALON.slug, serviceId, stylistId, start: slot.start, customer: { name: "Mary Jackson", email: "mary@example.test" } },
  });
  expect(made.status()).toBe(201);
  const { manageToken } = await made.json();

  const manage = new ManageBookingPage(page);
  await page.goto(`/b/${manageToken}`);
  await manage.expectLoaded("Your booking");
  expect(await seriousViolations(page)).toEqual([]);
  await manage.cancel();
  await expect(page).toHaveURL(/\?cancelled=1$/);
  await manage.expectLoaded("Booking cancelled");
  await expect(manage.detail("Status")).toHaveText("Cancelled");
  await expect(manage.changeSection).toHaveCount(0);
  await expect(page.getByRole("button")).toHaveCount(0);

  // The same link later, and the API: still cancelled, nothing offered, nothing accepted.
  await page.goto(`/b/${manageToken}?start=${encodeURIComponent(slot.start)}`);
  await expect(page.getByText("This booking has been cancelled. There is nothing more to change.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm new time" })).toHaveCount(0);
  const retry = await request.post(`/api/v1/manage/${manageToken}/reschedule`, { data: { start: slot.start } });
  expect(retry.status()).toBe(409);
  expect((await retry.json()).error).toBe("cancelled");
  const after = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, stylistId, from: date });
  expect(after.map((s) => s.start)).toContain(slot.start);
});
