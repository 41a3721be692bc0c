import { DateTime } from "luxon";
import { scrollsSideways, seriousViolations } from "./axe";
import { expect, SEEDED_SALON, test } from "./fixtures";
import { ManageBookingPage } from "./pages/manage-booking-page";
import { SalonPage } from "./pages/salon-page";
import { HoursSettingsPage, WEEKDAYS } from "./pages/settings-hours-page";
import { SalonDetailsSettingsPage } from "./pages/settings-salon-page";
import { StylistsSettingsPage } from "./pages/settings-stylists-page";
import { ServicesSettingsPage } from "./pages/settings-services-page";
import { SignInPage } from "./pages/sign-in-page";

// The customer's edges (issue 14), at a phone's size and a laptop's: book what you see, know the
// policy, survive Back and a dropped connection, long names, the salon's own clock and currency.

const SERVICE = "Men's cut";
const hhmm = (local: string) => DateTime.fromISO(local, { setZone: true }).toFormat("HH:mm");

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
]) {
  test.describe(`at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test("the race loser picks a nearest time, sees it in the summary and books exactly it", async ({
      salonPage,
      bookingForm,
      confirmationPage,
      bookingApi,
      bookingDate,
      page,
    }) => {
      const salon = await bookingApi.salon(SEEDED_SALON.slug);
      const serviceId = salon.services.find((s) => s.name === SERVICE)!.id;
      const stylistId = salon.stylists.find((s) => s.name === "Isla")!.id;
      const slots = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, stylistId, from: bookingDate });
      const slot = slots[Math.floor(slots.length / 2) + (viewport.width > 400 ? 1 : 0)];

      await salonPage.goto(SEEDED_SALON.slug, { service: serviceId, stylist: stylistId, date: bookingDate });
      await salonPage.slot(hhmm(slot.local)).click();
      await bookingForm.expectLoaded();
      await bookingForm.fillDetails({ name: "Barbara Liskov", email: "barbara@example.test" });
      const rival = await page.request.post("/api/v1/bookings", {
        headers: { "Idempotency-Key": `e2e-race-${viewport.width}-${Date.now()}` },
        data: { salon: SEEDED_SALON.slug, serviceId, stylistId, start: slot.start, customer: { name: "Rival", email: "rival@example.test" } },
      });
      expect(rival.status()).toBe(201);

      await bookingForm.submit();
      await expect(bookingForm.status).toContainText("that time was just taken");
      const choices = bookingForm.form.getByRole("group", { name: "Nearest free times" }).getByRole("radio");
      expect(await choices.count()).toBeGreaterThan(1);
      // Nothing is chosen for the customer, and every offered time names its zone.
      for (const choice of await choices.all()) await expect(choice).not.toBeChecked();
      const labels = await bookingForm.form.getByRole("group", { name: "Nearest free times" }).locator("label").allInnerTexts();
      for (const label of labels) expect(label).toMatch(/\d\d:\d\d (Greenwich Mean Time|British Summer Time)$/);
      await expect(bookingForm.summary("Time")).toHaveText(/Not chosen yet/);
      expect(await seriousViolations(page)).toEqual([]);

      // Confirm without a choice books nothing and says why.
      await bookingForm.submit();
      await expect(bookingForm.status).toContainText("Please choose one of the free times.");

      const picked = labels[1];
      await choices.nth(1).check();
      const [, pickedTime] = /, (\d\d:\d\d .+)$/.exec(picked)!;
      await expect(bookingForm.summary("Time")).toHaveText(pickedTime);
      await bookingForm.submit();
      await confirmationPage.expectLoaded();
      await expect(confirmationPage.detail("Time")).toHaveText(pickedTime);
      await expect(confirmationPage.detail("Date")).toHaveText(picked.split(", ")[0]);
    });

    test("the race loser on the manage page picks a nearest time, sees it as the new time and moves to exactly it", async ({
      bookingApi,
      bookingDate,
      page,
    }) => {
      const salon = await bookingApi.salon(SEEDED_SALON.slug);
      const serviceId = salon.services.find((s) => s.name === SERVICE)!.id;
      const stylistId = salon.stylists.find((s) => s.name === "Isla")!.id;
      const slots = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, stylistId, from: bookingDate });
      // Early in the day, away from the booking race above: the booking, then the time it moves to.
      const [own, target] = viewport.width > 400 ? [slots[0], slots[3]] : [slots[1], slots[5]];
      const made = await page.request.post("/api/v1/bookings", {
        headers: { "Idempotency-Key": `e2e-move-race-${viewport.width}-${Date.now()}` },
        data: { salon: SEEDED_SALON.slug, serviceId, stylistId, start: own.start, customer: { name: "Frances Allen", email: "frances@example.test" } },
      });
      expect(made.status()).toBe(201);
      const { manageToken } = await made.json();

      const manage = new ManageBookingPage(page);
      await page.goto(`/b/${manageToken}?start=${encodeURIComponent(target.start)}`);
      const move = page.getByRole("form", { name: "Move your booking" });
      await expect(move).toContainText(`New time: `);
      const rival = await page.request.post("/api/v1/bookings", {
        headers: { "Idempotency-Key": `e2e-move-rival-${viewport.width}-${Date.now()}` },
        data: { salon: SEEDED_SALON.slug, serviceId, stylistId, start: target.start, customer: { name: "Rival", email: "rival@example.test" } },
      });
      expect(rival.status()).toBe(201);

      const confirm = move.getByRole("button", { name: "Confirm new time" });
      await confirm.click();
      await expect(move.getByRole("status")).toContainText("that time was just taken");
      const group = move.getByRole("group", { name: "Nearest free times" });
      const choices = group.getByRole("radio");
      expect(await choices.count()).toBeGreaterThan(1);
      // Nothing is chosen for the customer, and every offered time names its zone.
      for (const choice of await choices.all()) await expect(choice).not.toBeChecked();
      const labels = await group.locator("label").allInnerTexts();
      for (const label of labels) expect(label).toMatch(/\d\d:\d\d (Greenwich Mean Time|British Summer Time)$/);
      await expect(move).toContainText("New time: Not chosen yet");
      expect(await seriousViolations(page)).toEqual([]);

      // Confirm without a choice moves nothing and says why.
      await confirm.click();
      await expect(move.getByRole("status")).toContainText("Please choose one of the free times.");

      const picked = labels.at(-1)!;
      await choices.last().check();
      await expect(move).toContainText(`New time: ${picked}`);
      await confirm.click();
      await expect(page).toHaveURL(/\?moved=1$/);
      const [, pickedTime] = /, (\d\d:\d\d .+)$/.exec(picked)!;
      await expect(manage.detail("Time")).toHaveText(pickedTime);
      await expect(manage.detail("Date")).toHaveText(picked.split(", ")[0]);
      expect(await scrollsSideways(page)).toBe(false);
    });

    test("Back after booking leads to the booking; the confirmation leads with price and Add to calendar", async ({
      salonPage,
      bookingForm,
      confirmationPage,
      bookingDate,
      page,
    }) => {
      await salonPage.goto(SEEDED_SALON.slug);
      await salonPage.findFreeTimes({ service: SERVICE, stylist: "Priya", date: bookingDate });
      await salonPage.slot((await salonPage.slotTimes()).at(viewport.width > 400 ? -2 : -3)!).click();
      await bookingForm.expectLoaded();
      // The salon's policy and phone, before Confirm.
      await expect(page.getByRole("region", { name: "Salon policy" })).toContainText("until 2 hours before the appointment");
      await expect(page.getByRole("link", { name: "020 7946 0321" })).toHaveAttribute("href", "tel:02079460321");
      const longName = `Maximiliana ${"Q".repeat(108)}`;
      await bookingForm.fillDetails({ name: longName, email: "max@example.test", phone: "020 7946 0000" });
      await bookingForm.submit();
      await confirmationPage.expectLoaded();
      const reference = await confirmationPage.reference.innerText();
      await expect(confirmationPage.detail("Price")).toHaveText("£30.00");
      await expect(confirmationPage.detail("Service")).toHaveText(`${SERVICE} (30 min)`);
      const ics = page.getByRole("link", { name: "Add to calendar (.ics)" });
      const download = await (await page.request.get((await ics.getAttribute("href"))!)).text();
      expect(download).toContain("BEGIN:VEVENT");
      expect(download).toContain(`Reference ${reference}`);
      // Changing is one tap away, not an open grid of times.
      await expect(page.getByRole("link", { name: "Move to another time" })).toBeVisible();
      await expect(page.getByRole("list", { name: /^Free times on / })).toHaveCount(0);
      expect(await scrollsSideways(page)).toBe(false);
      expect(await seriousViolations(page)).toEqual([]);

      await page.goBack();
      await expect(page.getByText("You have already booked this time.")).toBeVisible();
      await page.getByRole("link", { name: "View your booking" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
      await expect(confirmationPage.reference).toHaveText(reference);
    });

    test("an offline Confirm keeps the details; Try again makes exactly one booking and says so", async ({
      salonPage,
      bookingForm,
      confirmationPage,
      bookingApi,
      bookingDate,
      page,
      context,
    }) => {
      const salon = await bookingApi.salon(SEEDED_SALON.slug);
      const serviceId = salon.services.find((s) => s.name === SERVICE)!.id;
      const before = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, from: bookingDate });
      const slot = before.filter((s) => s.stylistIds.length >= 2).at(viewport.width > 400 ? 1 : 2)!;

      await salonPage.goto(SEEDED_SALON.slug, { service: serviceId, date: bookingDate });
      await salonPage.slot(hhmm(slot.local)).click();
      await bookingForm.expectLoaded();
      await bookingForm.fillDetails({ name: "Katherine Johnson", email: "katherine@example.test", note: "Offline first" });
      await context.setOffline(true);
      await bookingForm.submit();
      await expect(bookingForm.status).toContainText("may or may not have been made");
      await expect(bookingForm.nameField).toHaveValue("Katherine Johnson");
      await context.setOffline(false);
      await page.getByRole("button", { name: "Try again" }).click();
      await confirmationPage.expectLoaded();
      await expect(page.getByRole("heading", { level: 1, name: "Booking confirmed" })).toBeVisible();

      const after = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, from: bookingDate });
      expect(after.find((s) => s.start === slot.start)?.stylistIds.length ?? 0).toBe(slot.stylistIds.length - 1);
    });

    test("a US salon shows 12-hour times and dollars; a bad date and a closed day are explained", async ({ salonPage, bookingApi, page }) => {
      const salon = await bookingApi.salon("brooklyn-blowout");
      const service = salon.services.find((s) => s.name === "Blowout")!;
      await page.goto("/s/brooklyn-blowout");
      await expect(page.getByText("$45.00", { exact: true })).toBeVisible();
      const sunday = DateTime.now().setZone("America/New_York").plus({ days: 7 }).set({ weekday: 7 }).toISODate()!;
      await salonPage.goto("brooklyn-blowout", { service: service.id, date: sunday });
      await expect(page.getByText(/The next day with free times is/)).toBeVisible();
      const next = page.getByText(/The next day with free times is/).getByRole("link");
      const nextDay = await next.innerText();
      await next.click();
      await expect(salonPage.freeTimesHeading).toHaveText(`Free times on ${nextDay}`);
      const times = await salonPage.slotTimes();
      expect(times.length).toBeGreaterThan(0);
      for (const time of times) expect(time).toMatch(/^\d{1,2}:\d\d (AM|PM)$/);
      await expect(salonPage.freeTimesHeading).toHaveText(/^Free times on \w+day, \w+ \d{1,2}, \d{4}$/);
      expect(await scrollsSideways(page)).toBe(false);

      await page.goto("/s/brooklyn-blowout?date=2026-02-30");
      await expect(page.getByRole("main").getByRole("alert")).toContainText("“2026-02-30” is not a date");
    });
  });
}

test("a euro salon's owner types prices with a decimal comma, and customers see them that way", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const suffix = Date.now().toString(36);
  const signIn = new SignInPage(page);
  await signIn.goto("/salons/new");
  await signIn.signIn("marcus@example.com", "demo-password-marcus");
  await expect(page).toHaveURL((url) => url.pathname === "/salons/new");
  const details = new SalonDetailsSettingsPage(page);
  await details.nameField.fill(`Berliner Schnitt ${suffix}`);
  await details.slugField.fill(`berliner-schnitt-${suffix}`);
  await details.timeZoneField.fill("Europe/Berlin");
  await details.form.getByLabel("Salon phone").fill("030 12345678");
  await details.form.getByLabel("Country").selectOption("DE");
  await details.form.getByLabel("Currency").selectOption("EUR");
  await details.form.getByLabel("How times and prices are written").selectOption("de-DE");
  // Changes close 30 days ahead: every bookable time is already inside the cutoff.
  await details.form.getByLabel("Cancellation cutoff").fill("43200");
  await details.submitButton.click();
  await expect(page).toHaveURL(/\/salons\/[0-9a-f-]{36}\/settings\?saved=created$/);
  expect(await seriousViolations(page)).toEqual([]);
  const salonId = details.salonId();

  const services = new ServicesSettingsPage(page);
  await services.goto(salonId);
  await services.addService({ name: "Waschen und Schneiden", durationMinutes: "90", price: "25,50" });
  await expect(services.list).toContainText("Waschen und Schneiden · 1 h 30 min · 25,50\u00a0€");
  // Editing shows the price the way the owner typed it, with the salon's decimal comma; a point is still accepted.
  const editForm = page.getByRole("form", { name: "Edit Waschen und Schneiden" });
  await expect(editForm.getByLabel(/^Price/)).toHaveValue("25,50");
  await editForm.getByLabel(/^Price/).fill("26.50");
  await editForm.getByRole("button", { name: "Save service" }).click();
  await expect(services.list).toContainText("Waschen und Schneiden · 1 h 30 min · 26,50\u00a0€");
  await expect(page.getByRole("form", { name: "Edit Waschen und Schneiden" }).getByLabel(/^Price/)).toHaveValue("26,50");

  // A stylist with hours, and Publish: customers see the salon from then on.
  await new StylistsSettingsPage(page).goto(salonId);
  await new StylistsSettingsPage(page).addStylist("Lena");
  const hours = new HoursSettingsPage(page);
  await hours.expectLoaded();
  await hours.setHours([...WEEKDAYS], [["09:00", "17:00"]]);
  await expect(page.getByText("Working hours saved.")).toBeVisible();
  await page.goto(`/salons/${salonId}/settings`);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Salon published.")).toBeVisible();

  await page.goto(`/s/berliner-schnitt-${suffix}`);
  await expect(page.getByText("26,50\u00a0€", { exact: true })).toBeVisible();
  await expect(page.getByRole("radio", { name: "Waschen und Schneiden 1 h 30 min · 26,50\u00a0€" })).toBeAttached();

  // A time inside the cutoff says so before Confirm, with the salon's phone.
  const salonPage = new SalonPage(page);
  await salonPage.goto(`berliner-schnitt-${suffix}`);
  const tomorrow = DateTime.now().setZone("Europe/Berlin").plus({ days: 1 }).toISODate()!;
  await salonPage.findFreeTimes({ service: "Waschen und Schneiden", stylist: "Any stylist", date: tomorrow });
  await salonPage.slot((await salonPage.slotTimes())[0]).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  const policy = page.getByRole("region", { name: "Salon policy" });
  await expect(policy).toContainText("This time cannot be changed or cancelled online once booked");
  await expect(policy.getByRole("link", { name: "030 12345678" }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm booking" })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});
