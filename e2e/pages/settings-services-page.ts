import { expect, type Page } from "@playwright/test";

/** `/salons/[salonId]/settings/services`: the salon's services. */
export class ServicesSettingsPage {
  constructor(readonly page: Page) {}

  async goto(salonId: string) {
    await this.page.goto(`/salons/${salonId}/settings/services`);
    await expect(this.page.getByRole("heading", { level: 2, name: "Services" })).toBeVisible();
  }

  get addForm() {
    return this.page.getByRole("form", { name: "Add a service" });
  }

  async addService(service: { name: string; durationMinutes: string; price: string }) {
    await this.addForm.getByLabel("Service name").fill(service.name);
    await this.addForm.getByLabel("Duration (minutes)").fill(service.durationMinutes);
    await this.addForm.getByLabel(/^Price/).fill(service.price);
    await this.addForm.getByRole("button", { name: "Add service" }).click();
  }

  /** The services listed, e.g. ["Cut & finish · 45 min · $30.00"]. */
  get list() {
    return this.page.getByRole("list", { name: "Your services" });
  }
}
