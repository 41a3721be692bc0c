import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import { test as base, expect, SEEDED_SALON } from "./fixtures";
import { waitForMail } from "./mailbox";
import { BookingFormPage } from "./pages/booking-form-page";
import { ConfirmationPage } from "./pages/confirmation-page";
import { ManageBookingPage } from "./pages/manage-booking-page";
import { SalonPage } from "./pages/salon-page";
import { SettingsRemindersPage } from "./pages/settings-reminders-page";
import { SignInPage } from "./pages/sign-in-page";

// The owner sets a short custom reminder, a customer books, and the reminder arrives in the dev
// mailbox (the embedded relay sends it when it is due) with a manage link that opens the booking.

const AVA = { email: "ava@example.com", password: "demo-password-ava" };
const SERVICE = "Men's cut";

const test = base.extend<{ signInPage: SignInPage; remindersPage: SettingsRemindersPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  remindersPage: async ({ page }, use) => use(new SettingsRemindersPage(page)),
});

test.use({ locale: "en-GB" });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

async function expectNoSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

const manageLink = (text: string) => /(https?:\/\/\S+\/b\/[A-Za-z0-9_-]{43})(?=\s|$)/.exec(text)?.[1];

test("an owner's short custom reminder reaches the customer when due, with a working manage link", async ({ page, browser, bookingApi, signInPage, remindersPage }) => {
  test.setTimeout(300_000);
  // The first free slot from today on, and its stylist: the reminder will be set to fall due about
  // two minutes from now, before that slot.
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const service = salon.services.find((s) => s.name === SERVICE)!;
  const today = DateTime.now().setZone(SEEDED_SALON.timeZone);
  const slots = await bookingApi.availability(SEEDED_SALON.slug, { serviceId: service.id, from: today.toISODate()!, to: today.plus({ days: 6 }).toISODate()! });
  const slot = slots.find((s) => Date.parse(s.start) > Date.now() + 10 * 60_000)!;
  expect(slot, "a free slot in the coming week").toBeDefined();
  const stylist = salon.stylists.find((s) => s.id === slot.stylistIds[0])!;

  // The owner sets one custom reminder, in minutes.
  await signInPage.goto("/salons");
  await signInPage.signIn(AVA.email, AVA.password);
  await page.getByRole("link", { name: SEEDED_SALON.name, exact: true }).click();
  await expect(page).toHaveURL(/\/salons\/[0-9a-f-]{36}\/settings$/);
  const salonId = /\/salons\/([0-9a-f-]{36})\/settings/.exec(page.url())?.[1];
  expect(salonId).toBeDefined();
  await remindersPage.goto(salonId!);
  await expect(page.getByText("A change here applies to bookings made from now on")).toBeVisible();
  const offsetMinutes = Math.floor((Date.parse(slot.start) - Date.now()) / 60_000) - 2;
  await remindersPage.setCustom(1, String(offsetMinutes), "minutes");
  await remindersPage.setNone(2);
  await remindersPage.save();
  expect(await seriousViolations(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 844 });
  await remindersPage.goto(salonId!);
  await expectNoSideScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });

  // A customer books that slot, in a browser of their own, and is told about the reminder.
  const customerContext = await browser.newContext({ locale: "en-GB" });
  const customer = await customerContext.newPage();
  const email = `reminded-${Date.now()}@example.test`;
  const date = DateTime.fromISO(slot.start).setZone(SEEDED_SALON.timeZone);
  const salonPage = new SalonPage(customer);
  await salonPage.goto(SEEDED_SALON.slug);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: stylist.name, date: date.toISODate()! });
  await salonPage.slot(date.toFormat("HH:mm")).click();
  const form = new BookingFormPage(customer);
  await form.expectLoaded();
  await expect(customer.getByText(/^We'll remind you by email \d+ (minutes|hours) before\.$/)).toBeVisible();
  await form.fillDetails({ name: "Grace Hopper", email });
  await form.submit();
  const confirmation = new ConfirmationPage(customer);
  await confirmation.expectLoaded();
  const reference = (await confirmation.reference.innerText()).trim();

  // The reminder arrives when due, with the booking's details and a manage link that opens it.
  const reminder = await waitForMail(email, /^Reminder: /, reference, 240_000);
  expect(reminder.subject).toBe(`Reminder: ${SERVICE} at ${SEEDED_SALON.name}, ${date.toFormat("ccc d LLL yyyy, HH:mm")}`);
  for (const text of [SEEDED_SALON.address, `Stylist: ${stylist.name}`, `${date.toFormat("HH:mm")}–`, "(Europe/London, "]) expect(reminder.text).toContain(text);
  const link = manageLink(reminder.text ?? "");
  expect(link, "a manage link in the reminder").toBeDefined();
  await customer.goto(link!);
  const manage = new ManageBookingPage(customer);
  await manage.expectLoaded();
  await expect(manage.reference).toHaveText(reference);
  await customerContext.close();
});
