import { expect, type Page } from "@playwright/test";

/** `/salons/[salonId]/settings/stylists`: the salon's stylists. */
export class StylistsSettingsPage {
  constructor(readonly page: Page) {}

  async goto(salonId: string) {
    await this.page.goto(`/salons/${salonId}/settings/stylists`);
    await expect(this.page.getByRole("heading", { level: 2, name: "Stylists" })).toBeVisible();
  }

  get addForm() {
    return this.page.getByRole("form", { name: "Add a stylist" });
  }

  /** Adds a stylist; the app then opens the new stylist's hours page. */
  async addStylist(name: string) {
    await this.addForm.getByLabel("Stylist name").fill(name);
    await this.addForm.getByRole("button", { name: "Add stylist" }).click();
  }
}
