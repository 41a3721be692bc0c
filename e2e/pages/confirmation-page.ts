import { expect, type Page } from "@playwright/test";

/**
 * `/b/[token]?confirmed=1`: what the customer sees once the booking is stored — the manage page,
 * opened with its private token, with a "Booking confirmed" banner.
 */
export class ConfirmationPage {
  constructor(readonly page: Page) {}

  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/b\/[A-Za-z0-9_-]{43}\?confirmed=1(&replayed=1)?$/);
    await expect(this.page.getByRole("heading", { level: 1, name: "Booking confirmed" })).toBeVisible();
  }

  /** The manage token in the address (each confirmation gets its own, even for a replay). */
  manageToken(): string {
    return new URL(this.page.url()).pathname.split("/").pop()!;
  }

  /** The booking's id, from the JSON API (the address carries only the token). */
  async bookingId(): Promise<string> {
    const response = await this.page.request.get(`/api/v1/manage/${this.manageToken()}`);
    expect(response.status()).toBe(200);
    return (await response.json()).id;
  }

  get reference() {
    return this.page.getByRole("region", { name: "Booking reference" }).locator("p");
  }

  /** The value shown for a term such as "Salon", "Service", "Stylist", "Date", "Time" or "Status". */
  detail(term: string) {
    return this.page
      .getByRole("region", { name: "Booking details" })
      .locator("dt", { hasText: new RegExp(`^${term}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }
}
