import AxeBuilder from "@axe-core/playwright";
import { DateTime } from "luxon";
import { expect, SEEDED_SALON, test } from "./fixtures";

// The customer's way through, in a real browser on the production build with the seeded data.

const SERVICE = "Men's cut";

function expectedDay(date: string) {
  const noon = DateTime.fromISO(date, { zone: SEEDED_SALON.timeZone }).set({ hour: 12 });
  return { label: noon.setLocale("en-GB").toFormat("cccc d LLLL yyyy"), zoneName: noon.offsetNameLong! };
}

test("a customer books a slot and sees the confirmation; the slot is then gone from the list", async ({
  homePage,
  salonPage,
  bookingForm,
  confirmationPage,
  bookingDate,
  page,
}) => {
  await homePage.goto();
  await homePage.openSalon(SEEDED_SALON.name);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: "Isla", date: bookingDate });
  const { label, zoneName } = expectedDay(bookingDate);
  await expect(salonPage.freeTimesHeading).toHaveText(`Free times on ${label}`);
  await expect(page.getByText(`Times are in ${zoneName}`)).toBeVisible();

  const times = await salonPage.slotTimes();
  expect(times.length).toBeGreaterThan(0);
  const time = times[0];
  // Keyboard only: focus the slot link and press Enter.
  await salonPage.slot(time).focus();
  await page.keyboard.press("Enter");

  await bookingForm.expectLoaded();
  await expect(bookingForm.summary("Service")).toContainText(SERVICE);
  await expect(bookingForm.summary("Stylist")).toHaveText("Isla");
  await expect(bookingForm.summary("Time")).toHaveText(`${time} ${zoneName}`);
  await bookingForm.fillDetails({ name: "Grace Hopper", email: "grace@example.test", phone: "+44 20 7946 0000" });
  await bookingForm.emailField.press("Enter");

  await confirmationPage.expectLoaded();
  await expect(confirmationPage.reference).toHaveText(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  await expect(confirmationPage.detail("Salon")).toHaveText(SEEDED_SALON.name);
  await expect(confirmationPage.detail("Address")).toHaveText(SEEDED_SALON.address);
  await expect(confirmationPage.detail("Service")).toContainText(SERVICE);
  await expect(confirmationPage.detail("Stylist")).toHaveText("Isla");
  await expect(confirmationPage.detail("Date")).toHaveText(label);
  await expect(confirmationPage.detail("Time")).toHaveText(`${time} ${zoneName}`);
  await expect(page.getByText("Thank you, Grace Hopper.")).toBeVisible();

  // Back on the salon page for the same day and stylist, that time is no longer offered.
  await page.getByRole("link", { name: `Back to ${SEEDED_SALON.name}` }).click();
  await salonPage.findFreeTimes({ service: SERVICE, stylist: "Isla", date: bookingDate });
  const after = await salonPage.slotTimes();
  expect(after).not.toContain(time);
  expect(after.length).toBeGreaterThan(0);
});

test("a form submitted twice, and again after going back, makes exactly one booking", async ({
  salonPage,
  bookingForm,
  confirmationPage,
  bookingApi,
  bookingDate,
  page,
}) => {
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const serviceId = salon.services.find((s) => s.name === SERVICE)!.id;
  // "Any stylist": a second booking would land on another stylist, so it would show in the API
  // as one stylist fewer for that slot, not as a refusal.
  const before = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, from: bookingDate });
  const slot = before.filter((s) => s.stylistIds.length >= 2).at(-1)!;
  expect(slot, "a slot with at least two free stylists").toBeDefined();

  await salonPage.goto(SEEDED_SALON.slug, { service: serviceId, date: bookingDate });
  await salonPage.slot(DateTime.fromISO(slot.local, { setZone: true }).toFormat("HH:mm")).click();
  await bookingForm.expectLoaded();
  await expect(bookingForm.summary("Stylist")).toHaveText("Any available stylist");
  const key = await bookingForm.idempotencyKey();
  const details = { name: "Alan Turing", email: "alan@example.test", note: "Short back and sides" };
  await bookingForm.fillDetails(details);
  await bookingForm.submitTwiceQuickly();
  await confirmationPage.expectLoaded();
  const bookingId = await confirmationPage.bookingId();
  const firstToken = confirmationPage.manageToken();
  const reference = await confirmationPage.reference.innerText();

  // The browser's Back button renders the form again; it must come back with the key it booked with,
  // so confirming the same details again replays that booking.
  await page.goBack();
  await bookingForm.expectLoaded();
  await expect.poll(() => bookingForm.idempotencyKey()).toBe(key);
  await bookingForm.fillDetails(details);
  await bookingForm.submit();
  await confirmationPage.expectLoaded();
  // The same booking, shown through a manage token of its own (a replay mints a fresh one).
  expect(await confirmationPage.bookingId()).toBe(bookingId);
  expect(confirmationPage.manageToken()).not.toBe(firstToken);
  await expect(confirmationPage.reference).toHaveText(reference);

  const after = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, from: bookingDate });
  const same = after.find((s) => s.start === slot.start);
  expect(same?.stylistIds.length ?? 0).toBe(slot.stylistIds.length - 1);
});

test("a slot taken while the customer types is refused with the nearest free times, keeping the details", async ({
  salonPage,
  bookingForm,
  confirmationPage,
  bookingApi,
  bookingDate,
  page,
}) => {
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const serviceId = salon.services.find((s) => s.name === SERVICE)!.id;
  const stylistId = salon.stylists.find((s) => s.name === "Tom")!.id;
  const slots = await bookingApi.availability(SEEDED_SALON.slug, { serviceId, stylistId, from: bookingDate });
  const slot = slots[Math.floor(slots.length / 2)];

  await salonPage.goto(SEEDED_SALON.slug, { service: serviceId, stylist: stylistId, date: bookingDate });
  await salonPage.slot(DateTime.fromISO(slot.local, { setZone: true }).toFormat("HH:mm")).click();
  await bookingForm.expectLoaded();
  await bookingForm.fillDetails({ name: "Barbara Liskov", email: "barbara@example.test" });

  // Someone else books that exact slot through the API meanwhile.
  const rival = await page.request.post("/api/v1/bookings", {
    headers: { "Idempotency-Key": `e2e-rival-${Date.now()}` },
    data: { salon: SEEDED_SALON.slug, serviceId, stylistId, start: slot.start, customer: { name: "Rival", email: "rival@example.test" } },
  });
  expect(rival.status()).toBe(201);

  await bookingForm.submit();
  await expect(bookingForm.status).toContainText("that time was just taken");
  const alternatives = bookingForm.form.getByRole("group", { name: "Nearest free times" }).getByRole("radio");
  // Nothing is pre-selected: the customer books the time they pick.
  await expect(alternatives.first()).not.toBeChecked();
  expect(await alternatives.count()).toBeGreaterThan(0);
  await expect(bookingForm.nameField).toHaveValue("Barbara Liskov");

  await alternatives.first().check();
  await bookingForm.submit();
  await confirmationPage.expectLoaded();
  await expect(confirmationPage.detail("Stylist")).toHaveText("Tom");
});

test("field errors show next to their fields and keep what was typed", async ({ salonPage, bookingForm, bookingDate, page }) => {
  await salonPage.goto(SEEDED_SALON.slug);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: "Any stylist", date: bookingDate });
  await salonPage.slot((await salonPage.slotTimes())[0]).click();
  await bookingForm.expectLoaded();
  await bookingForm.fillDetails({ name: "Edsger Dijkstra", email: "not-an-email" });
  await bookingForm.submit();

  await expect(bookingForm.status).toContainText("Please correct the fields marked below.");
  await expect(bookingForm.emailField).toHaveAttribute("aria-invalid", "true");
  await expect(bookingForm.emailField).toHaveAccessibleDescription(/Please enter a valid email address/);
  await expect(bookingForm.emailField).toBeFocused();
  await expect(bookingForm.nameField).toHaveValue("Edsger Dijkstra");
  await expect(bookingForm.nameField).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/book\?/);
});

test("an unknown salon is a 404 page and a malformed date is explained, not an error", async ({ page, salonPage }) => {
  const missing = await page.goto("/s/no-such-salon");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Salon not found" })).toBeVisible();

  const bad = await page.goto(`/s/${SEEDED_SALON.slug}?date=2027-02-30`);
  expect(bad?.status()).toBe(200);
  await expect(page.getByRole("main").getByRole("alert")).toContainText("is not a date");
  await expect(salonPage.freeTimesHeading).toHaveCount(0);
});

test("the customer pages have no serious accessibility violations", async ({ homePage, salonPage, bookingDate, page }) => {
  const scan = async () => {
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  };
  await homePage.goto();
  await scan();
  await salonPage.goto(SEEDED_SALON.slug);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: "Any stylist", date: bookingDate });
  await scan();
  await salonPage.slot((await salonPage.slotTimes())[0]).click();
  await scan();
});
