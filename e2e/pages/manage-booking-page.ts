import { expect, type Page } from "@playwright/test";

/** `/b/[token]`: the customer's manage link — the booking now, and moving or cancelling it. */
export class ManageBookingPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole("heading", { level: 1 });
  }

  async expectLoaded(heading: "Your booking" | "Booking confirmed" | "Booking cancelled" = "Your booking") {
    await expect(this.page).toHaveURL(/\/b\/[A-Za-z0-9_-]{43}(\?|#|$)/);
    await expect(this.heading).toHaveText(heading);
  }

  /** The value shown for a term such as "Date", "Time", "Stylist" or "Status". */
  detail(term: string) {
    return this.page
      .getByRole("region", { name: "Booking details" })
      .locator("dt", { hasText: new RegExp(`^${term}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  get reference() {
    return this.page.getByRole("region", { name: "Booking reference" }).locator("p");
  }

  get changeSection() {
    return this.page.getByRole("region", { name: "Change or cancel" });
  }

  get slotList() {
    return this.page.getByRole("list", { name: /^Free times on / });
  }

  /** Opens the free times for moving the booking (one tap from the booking page). */
  async openMove() {
    const move = this.page.getByRole("link", { name: "Move to another time" });
    if ((await move.count()) > 0) await move.click();
    await expect(this.page.getByLabel("New date")).toBeVisible();
  }
  async slotTimes(): Promise<string[]> {
    if ((await this.slotList.count()) === 0 && (await this.page.getByRole("link", { name: "Move to another time" }).count()) > 0) await this.openMove();
    if ((await this.slotList.count()) === 0) return [];
    return this.slotList.getByRole("link").allInnerTexts();
  }

  async showDay(date: string) {
    await this.openMove();
    await this.page.getByLabel("New date").fill(date);
    await this.page.getByRole("button", { name: "Show free times" }).click();
  }

  /** Picks a free time, then confirms it on the next step. */
  async moveTo(time: string) {
    await this.slotList.getByRole("link", { name: time, exact: true }).click();
    await expect(this.page.getByRole("heading", { level: 2, name: "Move your booking" })).toBeVisible();
    await this.page.getByRole("button", { name: "Confirm new time" }).click();
  }

  async cancel() {
    await this.page.getByRole("link", { name: "Cancel booking…" }).click();
    await expect(this.page.getByRole("heading", { level: 2, name: "Cancel this booking?" })).toBeVisible();
    await this.page.getByRole("button", { name: "Yes, cancel my booking" }).click();
  }

  /** The live region of the move or cancel step. */
  get formStatus() {
    return this.page.getByRole("main").getByRole("status");
  }
}
