import { expect, type Page } from "@playwright/test";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** `/salons/[salonId]/settings/stylists/[stylistId]`: one stylist's week and time off. */
export class HoursSettingsPage {
  constructor(readonly page: Page) {}

  async goto(salonId: string, stylistId: string, day?: number) {
    await this.page.goto(`/salons/${salonId}/settings/stylists/${stylistId}${day ? `?day=${day}` : ""}`);
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page).toHaveURL(/\/settings\/stylists\/[0-9a-f-]{36}/);
    await expect(this.form).toBeVisible();
  }

  stylistId(): string {
    return /\/stylists\/([0-9a-f-]{36})/.exec(this.page.url())![1];
  }

  get form() {
    return this.page.getByRole("form", { name: "Set working hours" });
  }
  day(name: Weekday) {
    return this.form.getByRole("group", { name: "Days to set" }).getByRole("checkbox", { name, exact: true });
  }
  stretch(n: number) {
    return this.form.getByRole("group", { name: `Stretch ${n}` });
  }
  get status() {
    return this.form.getByRole("status");
  }
  get keepBookings() {
    return this.form.getByRole("checkbox", { name: /^Keep (this booking|these \d+ bookings)/ });
  }
  get saveButton() {
    return this.form.getByRole("button", { name: /^(Save hours|Saving…)$/ });
  }

  /** "The salon's opening hours" or "Own hours" for the days ticked. */
  source(name: "The salon's opening hours" | "Own hours") {
    return this.form.getByRole("group", { name: "Hours on these days" }).getByRole("radio", { name, exact: true });
  }

  /** Ticks exactly these days, gives them own hours: the stretches in order (blank rows left empty), and saves. */
  async setHours(days: Weekday[], stretches: [string, string][]) {
    for (const name of WEEKDAYS) await this.day(name).setChecked(days.includes(name));
    await this.source("Own hours").check();
    const rows = await this.form.getByRole("group", { name: /^Stretch \d+$/ }).count();
    for (let i = 0; i < rows; i++) {
      const [start, end] = stretches[i] ?? ["", ""];
      await this.stretch(i + 1).getByLabel("Start").fill(start);
      await this.stretch(i + 1).getByLabel("End").fill(end);
    }
    await this.saveButton.click();
  }

  /** Ticks exactly these days, puts them on the salon's opening hours, and saves. */
  async followSalon(days: Weekday[]) {
    for (const name of WEEKDAYS) await this.day(name).setChecked(days.includes(name));
    await this.source("The salon's opening hours").check();
    await this.saveButton.click();
  }

  /** What the week table shows for a day: "09:00–17:00" (or "9:00 AM–5:00 PM" on a 12-hour salon clock), "Day off", … */
  weekCell(name: Weekday) {
    return this.page.getByRole("table").getByRole("row", { name: new RegExp(`^${name}`) }).getByRole("cell").first();
  }

  /** Where the day's hours come from: "Own hours", "Salon hours (09:00–17:00)", … */
  fromCell(name: Weekday) {
    return this.page.getByRole("table").getByRole("row", { name: new RegExp(`^${name}`) }).getByRole("cell").nth(1);
  }
}
