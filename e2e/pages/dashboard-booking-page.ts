import { expect, type Page } from "@playwright/test";

/** `/dashboard/bookings/[id]`: one booking as its owner sees it, with Cancel / Completed / No-show. */
export class DashboardBookingPage {
  constructor(readonly page: Page) {}

  async expectLoaded(reference: string) {
    await expect(this.page).toHaveURL(/\/dashboard\/bookings\/[0-9a-f-]{36}/);
    await expect(this.page.getByRole("heading", { level: 1, name: `Booking ${reference}` })).toBeVisible();
  }

  /** The value shown for a term such as "Customer", "Time" or "Status". */
  detail(term: string) {
    return this.page
      .getByRole("region", { name: "Details" })
      .locator("dt", { hasText: new RegExp(`^${term}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  get actions() {
    return this.page.getByRole("region", { name: "Actions" });
  }

  get cancelButton() {
    return this.actions.getByRole("button", { name: "Cancel booking…" });
  }

  get confirmCancelButton() {
    return this.actions.getByRole("button", { name: /Yes, cancel booking|Cancelling…/ });
  }

  get keepButton() {
    return this.actions.getByRole("button", { name: "Keep booking" });
  }

  /** The success notice after an action ("Booking cancelled. …"). */
  get notice() {
    return this.page.getByRole("status").filter({ hasText: /Booking cancelled|Marked as/ });
  }

  get history() {
    return this.page.getByRole("region", { name: "History" });
  }

  async cancel() {
    await this.cancelButton.click();
    await expect(this.confirmCancelButton).toBeFocused();
    await this.confirmCancelButton.click();
    await expect(this.notice).toContainText("Booking cancelled");
  }
}
