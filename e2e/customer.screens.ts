import { expect, SEEDED_SALON, test } from "./fixtures";

// The customer pages at a phone's size and a laptop's, for the README (docs/screenshots/).

for (const viewport of [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
]) {
  test(`customer pages at ${viewport.width}×${viewport.height}`, async ({ page, salonPage, bookingForm, confirmationPage, bookingDate }) => {
    await page.setViewportSize(viewport);
    const shot = (name: string) => page.screenshot({ path: `docs/screenshots/customer-${name}-${viewport.width}.png`, fullPage: true });

    await salonPage.goto(SEEDED_SALON.slug);
    await salonPage.findFreeTimes({ service: "Women's cut & blow-dry", stylist: "Any stylist", date: bookingDate });
    await shot("salon");

    const times = await salonPage.slotTimes();
    await salonPage.slot(times[Math.min(times.length - 1, viewport.width > 400 ? 4 : 5)]).click();
    await bookingForm.expectLoaded();
    await bookingForm.fillDetails({ name: "Grace Hopper", email: "grace@example.test", phone: "020 7946 0000" });
    await shot("book");

    await bookingForm.submit();
    await confirmationPage.expectLoaded();
    await expect(confirmationPage.reference).toBeVisible();
    await shot("confirmation");
  });
}
