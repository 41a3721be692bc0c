import { test as base } from "@playwright/test";
import { DateTime } from "luxon";
import { BookingApi } from "./pages/booking-api";
import { BookingFormPage } from "./pages/booking-form-page";
import { ConfirmationPage } from "./pages/confirmation-page";
import { HomePage } from "./pages/home-page";
import { SalonPage } from "./pages/salon-page";

// The seeded London salon (db/seed.ts): Mon–Sat 09:00–12:30 and 13:30–18:00; its second stylist
// (Tom) is off on Mondays and its first (Priya) has a day off seven days after seeding.
export const SEEDED_SALON = {
  slug: "shoreditch-cuts",
  name: "Shoreditch Cuts",
  address: "12 Rivington Street, London EC2A 3DU",
  timeZone: "Europe/London",
} as const;

/**
 * A working day a few days ahead in the salon's zone, on which all three stylists work: not a
 * Sunday (closed), not a Monday (Tom is off), not the seeded day off.
 */
export function workingDayAhead(timeZone: string = SEEDED_SALON.timeZone, daysAhead = 3): string {
  const seededDayOff = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  let day = DateTime.now().setZone(timeZone).startOf("day").plus({ days: daysAhead });
  while (day.weekday === 7 || day.weekday === 1 || day.toISODate() === seededDayOff) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

export interface BookingFixtures {
  homePage: HomePage;
  salonPage: SalonPage;
  bookingForm: BookingFormPage;
  confirmationPage: ConfirmationPage;
  bookingApi: BookingApi;
  /** A date (YYYY-MM-DD) on which the seeded London salon is open with every stylist. */
  bookingDate: string;
}

export const test = base.extend<BookingFixtures>({
  homePage: async ({ page }, use) => use(new HomePage(page)),
  salonPage: async ({ page }, use) => use(new SalonPage(page)),
  bookingForm: async ({ page }, use) => use(new BookingFormPage(page)),
  confirmationPage: async ({ page }, use) => use(new ConfirmationPage(page)),
  bookingApi: async ({ request }, use) => use(new BookingApi(request)),
  bookingDate: async ({}, use) => use(workingDayAhead()),
});

export { expect } from "@playwright/test";
