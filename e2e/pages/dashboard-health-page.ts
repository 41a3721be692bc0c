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

  /** "Right now": what is going on, in sentences. */
  get rightNow() {
    return this.page.getByRole("region", { name: "Right now" });
  }

  /** The per-channel counts behind "Technical detail", opened (only channels with something to count are rows). */
  async channelCounts() {
    await this.rightNow.getByText("Technical detail").click();
    return this.rightNow.getByRole("table", { name: "Deliveries per channel" });
  }

  get givenUp() {
    return this.page.getByRole("region", { name: "Messages that could not be delivered" });
  }

  /** The last hour's delivery times, opened. */
  async latencyTable() {
    await this.page.getByText("How fast messages went out, last hour").click();
    return this.page.getByRole("table", { name: /^Deliveries per five minutes/ });
  }
}
