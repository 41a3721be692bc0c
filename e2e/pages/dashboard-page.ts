import { expect, type Locator, type Page } from "@playwright/test";

/** `/dashboard`: the owner's salons, the calendar of one of them, and the live feed of bookings. */
export class DashboardPage {
  constructor(readonly page: Page) {}

  async goto(query = "") {
    await this.page.goto(`/dashboard${query}`);
  }

  async expectLoaded(ownerName: string) {
    await expect(this.page).toHaveURL(/\/dashboard$/);
    await expect(this.page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
    // Below 1024 px the name is in the owner bar's menu: open it to read the name, then close it.
    const menu = this.page.getByRole("button", { name: "Menu" });
    const behindMenu = await menu.isVisible();
    if (behindMenu) await menu.click();
    await expect(this.page.getByText(`Signed in as ${ownerName}`).filter({ visible: true })).toBeVisible();
    if (behindMenu) await this.page.keyboard.press("Escape");
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

  /** The feed entry's link to the booking's page. */
  entryDetailsLink(reference: string) {
    return this.feed.getByRole("link", { name: `Booking details for ${reference}` }).first();
  }

  get salonSwitcher() {
    return this.page.getByRole("region", { name: "Your salons" });
  }

  salonList() {
    return this.salonSwitcher.getByRole("listitem");
  }

  salonLink(name: string) {
    return this.salonSwitcher.getByRole("link", { name: new RegExp(`^${name}`) });
  }

  /** The salon id the switcher's link for a salon points at (from its ?salon= parameter). */
  async salonId(name: string): Promise<string> {
    const href = await this.salonLink(name).getAttribute("href");
    return new URL(href!, "http://x").searchParams.get("salon")!;
  }

  async switchSalon(name: string) {
    await this.salonLink(name).click();
    await expect(this.salonLink(name)).toHaveAttribute("aria-current", "page");
  }

  // ----- the calendar -----

  get calendar() {
    return this.page.getByRole("region").filter({ has: this.page.locator("#calendar-heading") });
  }

  get calendarHeading() {
    return this.page.locator("#calendar-heading");
  }

  async goToDate(date: string) {
    await this.calendar.getByLabel("Go to date").fill(date);
    await this.calendar.getByRole("button", { name: "Show" }).click();
    await expect(this.page).toHaveURL(new RegExp(`date=${date}`));
  }

  async showView(view: "Day" | "Week") {
    await this.page.getByRole("navigation", { name: "Calendar view" }).getByRole("link", { name: view }).click();
    await expect(this.page.getByRole("navigation", { name: "Calendar view" }).getByRole("link", { name: view })).toHaveAttribute(
      "aria-current",
      "page",
    );
  }

  /** Day view: one stylist's column (a region headed by their name). */
  stylistColumn(name: string): Locator {
    return this.calendar.getByRole("region", { name, exact: true });
  }

  /** A booking in the calendar, by the customer's name: a link to its details. */
  calendarBooking(customerName: string, within: Locator = this.calendar) {
    return within.getByRole("link", { name: new RegExp(escapeRegExp(customerName)) });
  }

  /** Below 1024 px the owner's links and Sign out are behind the header's Menu button. */
  async openOwnerMenu() {
    const menu = this.page.getByRole("button", { name: "Menu" });
    if ((await menu.isVisible()) && (await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
  }

  async signOut() {
    await this.openOwnerMenu();
    await this.page.getByRole("button", { name: "Sign out" }).click();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
