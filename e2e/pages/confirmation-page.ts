import { expect, type Page } from "@playwright/test";

/** `/bookings/[id]`: what the customer sees once the booking is stored. */
export class ConfirmationPage {
  constructor(readonly page: Page) {}

  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/bookings\/[0-9a-f-]{36}$/);
    await expect(this.page.getByRole("heading", { level: 1, name: "Booking confirmed" })).toBeVisible();
  }

  bookingId(): string {
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  get reference() {
    return this.page.getByRole("region", { name: "Booking reference" }).locator("p");
  }

  /** The value shown for a term such as "Salon", "Service", "Stylist", "Date" or "Time". */
  detail(term: string) {
    return this.page
      .getByRole("region", { name: "Booking details" })
      .locator("dt", { hasText: new RegExp(`^${term}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }
}
