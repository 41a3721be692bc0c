import { DateTime } from "luxon";
import { seriousViolations, scrollsSideways } from "./axe";
import { test as base, expect } from "./fixtures";
import { SalonPage } from "./pages/salon-page";
import { HoursSettingsPage } from "./pages/settings-hours-page";
import { OpeningHoursSettingsPage } from "./pages/settings-opening-hours-page";
import { SalonDetailsSettingsPage } from "./pages/settings-salon-page";
import { ServicesSettingsPage } from "./pages/settings-services-page";
import { StylistsSettingsPage } from "./pages/settings-stylists-page";
import { SignInPage } from "./pages/sign-in-page";

// Salon opening hours that stylists inherit: the owner sets the salon's week once, a new stylist
// works it without typing anything, and a customer is offered those times. A stylist's own day
// (off on Saturday although the salon is open) takes that day's times away for them alone.

const AVA = { email: "ava@example.com", password: "demo-password-ava" };
const ZONE = "Europe/London";

const test = base.extend<{
  signInPage: SignInPage;
  detailsPage: SalonDetailsSettingsPage;
  servicesPage: ServicesSettingsPage;
  stylistsPage: StylistsSettingsPage;
  openingHoursPage: OpeningHoursSettingsPage;
  hoursPage: HoursSettingsPage;
}>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  detailsPage: async ({ page }, use) => use(new SalonDetailsSettingsPage(page)),
  servicesPage: async ({ page }, use) => use(new ServicesSettingsPage(page)),
  stylistsPage: async ({ page }, use) => use(new StylistsSettingsPage(page)),
  openingHoursPage: async ({ page }, use) => use(new OpeningHoursSettingsPage(page)),
  hoursPage: async ({ page }, use) => use(new HoursSettingsPage(page)),
});

/** The first date at least two days ahead in the salon's zone that falls on this ISO weekday. */
function nextWeekday(weekday: number): string {
  let day = DateTime.now().setZone(ZONE).startOf("day").plus({ days: 2 });
  while (day.weekday !== weekday) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("stylists inherit the salon's opening hours, and a stylist's own day off removes their times", async ({
      page,
      browser,
      signInPage,
      detailsPage,
      servicesPage,
      stylistsPage,
      openingHoursPage,
      hoursPage,
    }) => {
      test.setTimeout(180_000);
      const suffix = `${viewport.width}-${Date.now().toString(36)}`;
      const salon = {
        name: `Open Hours ${suffix}`,
        slug: `open-hours-${suffix}`,
        timeZone: ZONE,
        address: "1 Test Lane",
        bufferMinutes: "0",
        minNoticeMinutes: "60",
        cancellationCutoffMinutes: "120",
      };

      await signInPage.goto("/salons/new");
      await signInPage.signIn(AVA.email, AVA.password);
      await expect(page).toHaveURL((url) => url.pathname === "/salons/new");
      await detailsPage.fillAndSubmitWithKeyboard(salon);
      await expect(page.getByText("Salon created.")).toBeVisible();
      const salonId = detailsPage.salonId();
      await servicesPage.goto(salonId);
      await servicesPage.addService({ name: "Trim", durationMinutes: "30", price: "20" });
      await expect(page.getByText("Service added.")).toBeVisible();

      // The salon's week, once: Monday to Saturday 10:00–16:00, closed on Sunday. The new salon takes
      // Ava's first salon's locale (Brooklyn's en-US), so the owner's pages show it on a 12-hour clock.
      await page.getByRole("navigation", { name: "Salon settings" }).getByRole("link", { name: "Opening hours" }).click();
      await expect(openingHoursPage.form).toBeVisible();
      await openingHoursPage.setHours(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], [["10:00", "16:00"]]);
      await expect(page.getByText("Opening hours saved.")).toBeVisible();
      await expect(openingHoursPage.weekCell("Saturday")).toHaveText("10:00 AM–4:00 PM");
      await expect(openingHoursPage.weekCell("Sunday")).toHaveText("Closed");
      expect(await seriousViolations(page)).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);

      // A new stylist works them without anyone typing hours.
      await stylistsPage.goto(salonId);
      await stylistsPage.addStylist("Rosa");
      await hoursPage.expectLoaded();
      await expect(hoursPage.weekCell("Saturday")).toHaveText("10:00 AM–4:00 PM");
      await expect(hoursPage.fromCell("Saturday")).toHaveText("Salon hours (10:00 AM–4:00 PM)");
      await expect(hoursPage.weekCell("Sunday")).toHaveText("Day off");
      await expect(hoursPage.fromCell("Sunday")).toHaveText("Salon hours (closed)");

      // A second stylist sets Saturday themselves, with no hours: off although the salon is open.
      await stylistsPage.goto(salonId);
      await stylistsPage.addStylist("Sam");
      await hoursPage.expectLoaded();
      await expect(hoursPage.source("The salon's opening hours")).toBeChecked();
      await expect(hoursPage.stretch(1).getByLabel("Start")).toBeDisabled();
      // The choice works by keyboard: arrow keys move between the two.
      await hoursPage.source("The salon's opening hours").focus();
      await page.keyboard.press("ArrowRight");
      await expect(hoursPage.source("Own hours")).toBeChecked();
      // Own hours start from the salon's, ready to edit.
      await expect(hoursPage.stretch(1).getByLabel("Start")).toBeEditable();
      await expect(hoursPage.stretch(1).getByLabel("Start")).toHaveValue("10:00");
      await hoursPage.setHours(["Saturday"], []);
      await expect(page.getByText("Working hours saved.")).toBeVisible();
      await expect(hoursPage.weekCell("Saturday")).toHaveText("Day off");
      await expect(hoursPage.fromCell("Saturday")).toHaveText("Own hours");
      await expect(hoursPage.weekCell("Friday")).toHaveText("10:00 AM–4:00 PM");
      expect(await seriousViolations(page)).toEqual([]);
      expect(await scrollsSideways(page)).toBe(false);

      await page.getByRole("button", { name: "Publish" }).click();
      await expect(page.getByText("Salon published.")).toBeVisible();

      // A customer sees the salon's hours for both on a weekday, and only Rosa on Saturday.
      const customerContext = await browser.newContext({ locale: "en-GB", viewport });
      const customer = await customerContext.newPage();
      const salonPage = new SalonPage(customer);
      await salonPage.goto(salon.slug);
      const friday = nextWeekday(5);
      const saturday = nextWeekday(6);
      for (const [stylist, date, first, last] of [
        ["Rosa", friday, /^10:00( AM)?$/, /^(3:30 PM|15:30)$/],
        ["Sam", friday, /^10:00( AM)?$/, /^(3:30 PM|15:30)$/],
        ["Rosa", saturday, /^10:00( AM)?$/, /^(3:30 PM|15:30)$/],
      ] as const) {
        await salonPage.findFreeTimes({ service: "Trim", stylist, date });
        const times = await salonPage.slotTimes();
        expect(times[0], `${stylist} ${date}`).toMatch(first);
        expect(times.at(-1), `${stylist} ${date}`).toMatch(last);
      }
      await salonPage.findFreeTimes({ service: "Trim", stylist: "Sam", date: saturday });
      expect(await salonPage.slotTimes()).toEqual([]);
      await customerContext.close();
    });
  });
}
