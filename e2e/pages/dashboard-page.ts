import { expect, type Page } from "@playwright/test";

/** `/dashboard`: the owner's salons and the live feed of bookings. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/dashboard");
  }

  async expectLoaded(ownerName: string) {
    await expect(this.page).toHaveURL(/\/dashboard$/);
    await expect(this.page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    await expect(this.page.getByText(`Signed in as ${ownerName}`)).toBeVisible();
  }

  get feed() {
    return this.page.getByRole("region", { name: /^Live bookings/ });
  }

  /** "Live", "Connection lost — reconnecting…", … */
  get feedStatus() {
    return this.page.getByTestId("feed-status");
  }

  /** Waits until the backlog has arrived and the stream is following new events. */
  async expectLive() {
    await expect(this.feedStatus).toHaveText(/Live/);
  }

  async unreadCount(): Promise<number> {
    const text = await this.page.getByTestId("unread-count").innerText();
    return Number(/(\d+) unread/.exec(text)?.[1] ?? Number.NaN);
  }

  get entries() {
    return this.feed.getByRole("list", { name: /^Booking notifications/ }).getByRole("listitem");
  }

  /** The feed entry of one booking event, found by its reference. */
  entry(reference: string) {
    return this.entries.filter({ hasText: reference });
  }

  salonList() {
    return this.page.getByRole("region", { name: "Your salons" }).getByRole("listitem");
  }

  async signOut() {
    await this.page.getByRole("button", { name: "Sign out" }).click();
  }
}
