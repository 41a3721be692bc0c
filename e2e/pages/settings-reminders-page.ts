import { expect, type Page } from "@playwright/test";

/** `/salons/[salonId]/settings/reminders`: when customers are reminded, and the owner's day sheet. */
export class SettingsRemindersPage {
  constructor(readonly page: Page) {}

  async goto(salonId: string) {
    await this.page.goto(`/salons/${salonId}/settings/reminders`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page.getByRole("heading", { level: 2, name: "Reminders and day sheet" })).toBeVisible();
  }

  reminder(n: 1 | 2) {
    return this.page.getByRole("group", { name: n === 1 ? "First reminder" : "Second reminder" });
  }

  /** Sets one reminder to a custom time before the appointment. */
  async setCustom(n: 1 | 2, amount: string, unit: "hours" | "minutes") {
    const group = this.reminder(n);
    await group.getByRole("combobox", { name: "When" }).selectOption("custom");
    await group.getByRole("textbox", { name: "How long before" }).fill(amount);
    await group.getByRole("combobox", { name: "Unit" }).selectOption(unit);
  }

  async setNone(n: 1 | 2) {
    await this.reminder(n).getByRole("combobox", { name: "When" }).selectOption("none");
  }

  async save() {
    await this.page.getByRole("button", { name: "Save reminders" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "Reminders and day sheet saved." })).toBeVisible();
  }
}
