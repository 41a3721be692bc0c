import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import { test as base, expect } from "./fixtures";
import { BookingFormPage } from "./pages/booking-form-page";
import { ConfirmationPage } from "./pages/confirmation-page";
import { SalonPage } from "./pages/salon-page";
import { HoursSettingsPage, WEEKDAYS } from "./pages/settings-hours-page";
import { SalonDetailsSettingsPage } from "./pages/settings-salon-page";
import { ServicesSettingsPage } from "./pages/settings-services-page";
import { StylistsSettingsPage } from "./pages/settings-stylists-page";
import { SignInPage } from "./pages/sign-in-page";

// An owner sets a salon up from nothing in the settings pages, and a customer in another browser
// can book it straight away. Changes that would strand that booking say so before anything is saved.

const AVA = { email: "ava@example.com", password: "demo-password-ava" };
const MARCUS = { email: "marcus@example.com", password: "demo-password-marcus" };
const ZONE = "America/New_York";

const test = base.extend<{
  signInPage: SignInPage;
  detailsPage: SalonDetailsSettingsPage;
  servicesPage: ServicesSettingsPage;
  stylistsPage: StylistsSettingsPage;
  hoursPage: HoursSettingsPage;
}>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  detailsPage: async ({ page }, use) => use(new SalonDetailsSettingsPage(page)),
  servicesPage: async ({ page }, use) => use(new ServicesSettingsPage(page)),
  stylistsPage: async ({ page }, use) => use(new StylistsSettingsPage(page)),
  hoursPage: async ({ page }, use) => use(new HoursSettingsPage(page)),
});

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.help}`);
}

/** A Monday–Friday date a few days ahead in the salon's zone. */
function weekdayAhead(zone: string): DateTime {
  let day = DateTime.now().setZone(zone).startOf("day").plus({ days: 3 });
  while (day.weekday > 5) day = day.plus({ days: 1 });
  return day;
}

/** Signs in and waits to arrive at callbackUrl. */
async function signIn(signInPage: SignInPage, who: { email: string; password: string }, callbackUrl: string) {
  await signInPage.goto(callbackUrl);
  await signInPage.signIn(who.email, who.password);
  await expect(signInPage.page).toHaveURL((url) => url.pathname === callbackUrl);
}

test("an owner creates a salon with a service, a stylist and hours and publishes it; a customer books it at once; stranding changes are refused", async ({
  page,
  browser,
  signInPage,
  detailsPage,
  servicesPage,
  stylistsPage,
  hoursPage,
}) => {
  // The whole story in one test, with five axe scans, on a machine other suites share.
  test.setTimeout(180_000);
  const suffix = Date.now().toString(36);
  const salon = {
    name: `Harbour Hair ${suffix}`,
    slug: `harbour-hair-${suffix}`,
    timeZone: ZONE,
    address: "5 Pier Road, Brooklyn",
    bufferMinutes: "10",
    minNoticeMinutes: "60",
    cancellationCutoffMinutes: "1440",
  };

  await signIn(signInPage, AVA, "/salons/new");
  await expect(page.getByRole("heading", { level: 1, name: "Create a salon" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  // The salon form, by keyboard alone.
  await detailsPage.fillAndSubmitWithKeyboard(salon);
  await expect(page).toHaveURL(/\/salons\/[0-9a-f-]{36}\/settings\?saved=created$/);
  await expect(page.getByText("Salon created.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: `${salon.name}: settings` })).toBeVisible();
  await expect(detailsPage.timeZoneField).toHaveValue(ZONE);
  await expect(detailsPage.bufferField).toHaveValue("10");
  const salonId = detailsPage.salonId();
  expect(await seriousViolations(page)).toEqual([]);

  await servicesPage.goto(salonId);
  await servicesPage.addService({ name: "Cut & finish", durationMinutes: "45", price: "30" });
  await expect(page.getByText("Service added.")).toBeVisible();
  await expect(servicesPage.list).toContainText("Cut & finish · 45 min · $30.00");
  expect(await seriousViolations(page)).toEqual([]);

  await stylistsPage.goto(salonId);
  await stylistsPage.addStylist("Noor");
  await hoursPage.expectLoaded();
  await expect(page.getByText("Stylist added.")).toBeVisible();
  await hoursPage.setHours(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], [["09:00", "17:00"]]);
  await expect(page.getByText("Working hours saved.")).toBeVisible();
  // The new salon took Ava's first salon's locale (Brooklyn's en-US): the week reads on a 12-hour clock.
  for (const day of WEEKDAYS.slice(0, 5)) await expect(hoursPage.weekCell(day)).toHaveText("9:00 AM–5:00 PM");
  await expect(hoursPage.weekCell("Saturday")).toHaveText("Day off");
  const stylistId = hoursPage.stylistId();
  expect(await seriousViolations(page)).toEqual([]);

  // Hidden from customers until published; with a service, a stylist and hours it can be.
  expect((await page.request.get(`/api/v1/salons/${salon.slug}`)).status()).toBe(404);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Salon published.")).toBeVisible();

  // A customer, in a browser of their own, books the new salon straight away.
  const customerContext = await browser.newContext({ locale: "en-GB" });
  const customer = await customerContext.newPage();
  const salonPage = new SalonPage(customer);
  const date = weekdayAhead(ZONE);
  await salonPage.goto(salon.slug);
  await expect(customer.getByRole("heading", { level: 1, name: salon.name })).toBeVisible();
  await salonPage.findFreeTimes({ service: "Cut & finish", stylist: "Noor", date: date.toISODate()! });
  const times = await salonPage.slotTimes();
  // A new salon takes the owner's first salon's locale (Brooklyn's en-US): a 12-hour clock.
  expect(times[0]).toBe("9:00 AM");
  expect(times.at(-1)).toBe("4:15 PM");
  await salonPage.slot("9:00 AM").click();
  const bookingForm = new BookingFormPage(customer);
  await bookingForm.expectLoaded();
  await bookingForm.fillDetails({ name: "Ada Lovelace", email: "ada@example.test" });
  await bookingForm.submit();
  const confirmation = new ConfirmationPage(customer);
  await confirmation.expectLoaded();
  await expect(confirmation.detail("Salon")).toHaveText(salon.name);
  await expect(confirmation.detail("Stylist")).toHaveText("Noor");
  await expect(confirmation.detail("Time")).toHaveText(/^9:00 AM Eastern (Daylight|Standard) Time$/);
  const reference = (await confirmation.reference.innerText()).trim();

  // Moving that weekday to the afternoon would strand the booking: the owner is told, nothing is saved.
  const weekday = WEEKDAYS[date.weekday - 1];
  await hoursPage.goto(salonId, stylistId, date.weekday);
  await hoursPage.setHours([weekday], [["13:00", "17:00"]]);
  await expect(hoursPage.status).toContainText("These hours would leave 1 future booking outside the stylist's working time.");
  await expect(hoursPage.status).toContainText(`${date.setLocale("en-US").toFormat("cccc, LLLL d, yyyy")}, 9:00 AM`);
  await expect(hoursPage.status).toContainText(`Ada Lovelace (Cut & finish with Noor), reference ${reference}`);
  await expect(hoursPage.weekCell(weekday)).toHaveText("9:00 AM–5:00 PM");
  await expect(hoursPage.keepBookings).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  // Keeping the booking is an explicit choice, made here with the keyboard.
  await page.keyboard.press("Space");
  await expect(hoursPage.keepBookings).toBeChecked();
  await hoursPage.saveButton.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByText("Working hours saved.")).toBeVisible();
  await expect(hoursPage.weekCell(weekday)).toHaveText("1:00 PM–5:00 PM");
  // The saved form starts clean: no leftover warning, nothing left ticked.
  await expect(hoursPage.keepBookings).toHaveCount(0);
  await expect(hoursPage.status).toBeEmpty();
  await customer.reload();
  await confirmation.expectLoaded();
  await expect(confirmation.reference).toHaveText(reference);
  await customerContext.close();

  // Another owner cannot open these settings.
  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(new SignInPage(other), MARCUS, "/salons");
  await expect(other.getByRole("heading", { level: 1, name: "Your salons" })).toBeVisible();
  await expect(other.getByRole("link", { name: salon.name })).toHaveCount(0);
  const response = await other.goto(`/salons/${salonId}/settings/stylists/${stylistId}`);
  expect(response?.status()).toBe(404);
  await otherContext.close();
});

test("the salon form explains what is wrong next to each field and keeps what was typed", async ({ page, signInPage, detailsPage }) => {
  test.setTimeout(90_000);
  await signIn(signInPage, AVA, "/salons/new");
  await detailsPage.nameField.fill("Copycat");
  await detailsPage.slugField.fill("shoreditch-cuts"); // the seeded salon's
  await detailsPage.bufferField.fill("-5");
  await detailsPage.submitButton.click();

  await expect(detailsPage.status).toContainText("Nothing was saved. Please correct the fields marked below.");
  await expect(detailsPage.slugField).toHaveAttribute("aria-invalid", "true");
  await expect(detailsPage.slugField).toHaveAccessibleDescription(/already taken/);
  await expect(detailsPage.bufferField).toHaveAttribute("aria-invalid", "true");
  await expect(detailsPage.bufferField).toHaveAccessibleDescription(/Buffer must be a whole number of minutes/);
  await expect(detailsPage.nameField).toHaveValue("Copycat");
  await expect(detailsPage.nameField).not.toHaveAttribute("aria-invalid", "true");
  // The keyboard lands on the first field to fix.
  await expect(detailsPage.slugField).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  // The owner's salons, and the stylists of one of them, pass the same scan.
  await page.goto("/salons");
  await page.getByRole("link", { name: "Shoreditch Cuts" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Shoreditch Cuts: settings" })).toBeVisible();
  await page.getByRole("navigation", { name: "Salon settings" }).getByRole("link", { name: /^Stylists/ }).click();
  await expect(page.getByRole("list", { name: "Your stylists" })).toContainText("Priya");
  expect(await seriousViolations(page)).toEqual([]);
});
