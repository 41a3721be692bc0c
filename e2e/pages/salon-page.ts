import { expect, type Page } from "@playwright/test";

/** `/s/[slug]`: services, stylists, and the free times of one day. */
export class SalonPage {
  constructor(readonly page: Page) {}

  async goto(slug: string, query: { service?: string; stylist?: string; date?: string } = {}) {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    await this.page.goto(`/s/${slug}${params.size ? `?${params}` : ""}`);
  }

  /** Chooses service, stylist ("Any stylist" or a name) and date in the finder form, and submits it. */
  async findFreeTimes(choice: { service: string; stylist: string; date: string }) {
    await this.page.getByRole("radio", { name: new RegExp(`^${escapeRegExp(choice.service)}`) }).check();
    await this.page.getByRole("combobox", { name: "Stylist" }).selectOption({ label: choice.stylist });
    await this.page.getByLabel("Date", { exact: true }).fill(choice.date);
    await this.page.getByRole("button", { name: "Show free times" }).click();
    await expect(this.freeTimesHeading).toBeVisible();
  }

  get freeTimesHeading() {
    return this.page.getByRole("heading", { level: 2, name: /^Free times on / });
  }

  get slotList() {
    return this.page.getByRole("list", { name: /^Free times on / });
  }

  /** The local times offered, e.g. ["09:00", "09:15", …]. */
  async slotTimes(): Promise<string[]> {
    if ((await this.slotList.count()) === 0) return [];
    return this.slotList.getByRole("link").allInnerTexts();
  }

  slot(time: string) {
    return this.slotList.getByRole("link", { name: time, exact: true });
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
