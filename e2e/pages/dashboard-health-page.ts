import { expect, type Page } from "@playwright/test";

/** `/dashboard/health`: one salon's delivery health. */
export class DashboardHealthPage {
  constructor(readonly page: Page) {}

  async goto(salonId?: string) {
    await this.page.goto(`/dashboard/health${salonId ? `?salon=${salonId}` : ""}`);
  }

  async expectLoaded() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Delivery health" })).toBeVisible();
  }

  /** The count shown for a status: "Waiting", "Being delivered", "Delivered", "Gave up", "Oldest waiting". */
  count(label: string) {
    return this.page
      .getByRole("region", { name: "Events by status" })
      .locator("dt", { hasText: new RegExp(`^${label}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  get latencyTable() {
    return this.page.getByRole("table", { name: /^Deliveries per five minutes/ });
  }

  get deadEvents() {
    return this.page.getByRole("region", { name: "Events that gave up" });
  }
}
