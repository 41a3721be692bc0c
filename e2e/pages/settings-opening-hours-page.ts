import { expect, type Page } from "@playwright/test";
import { WEEKDAYS, type Weekday } from "./settings-hours-page";

/** `/salons/[salonId]/settings/hours`: the salon's opening hours, which stylists follow. */
export class OpeningHoursSettingsPage {
  constructor(readonly page: Page) {}

  async goto(salonId: string) {
    await this.page.goto(`/salons/${salonId}/settings/hours`);
    await expect(this.form).toBeVisible();
  }

  get form() {
    return this.page.getByRole("form", { name: "Set opening hours" });
  }

  /** Ticks exactly these days, fills the stretches in order (blank rows left empty) and saves. */
  async setHours(days: Weekday[], stretches: [string, string][]) {
    for (const name of WEEKDAYS) {
      await this.form.getByRole("group", { name: "Days to set" }).getByRole("checkbox", { name, exact: true }).setChecked(days.includes(name));
    }
    const rows = await this.form.getByRole("group", { name: /^Stretch \d+$/ }).count();
    for (let i = 0; i < rows; i++) {
      const [start, end] = stretches[i] ?? ["", ""];
      const row = this.form.getByRole("group", { name: `Stretch ${i + 1}` });
      await row.getByLabel("Start").fill(start);
      await row.getByLabel("End").fill(end);
    }
    await this.form.getByRole("button", { name: "Save opening hours" }).click();
  }

  /** What the week table shows for a day: "09:00–17:00" (or "9:00 AM–5:00 PM" on a 12-hour salon clock), "Closed", … */
  weekCell(name: Weekday) {
    return this.page.getByRole("table").getByRole("row", { name: new RegExp(`^${name}`) }).getByRole("cell").first();
  }
}
