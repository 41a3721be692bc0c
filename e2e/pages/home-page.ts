import { expect, type Page } from "@playwright/test";

/** `/`: the list of salons. */
export class HomePage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { level: 1, name: "Book a salon appointment" })).toBeVisible();
  }

  salonLink(name: string) {
    return this.page.getByRole("link", { name: new RegExp(name) });
  }

  async openSalon(name: string) {
    await this.salonLink(name).click();
    await expect(this.page.getByRole("heading", { level: 1, name })).toBeVisible();
  }
}
