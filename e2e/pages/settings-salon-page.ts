import { expect, type Page } from "@playwright/test";

export interface SalonDetails {
  name: string;
  slug: string;
  timeZone: string;
  address: string;
  bufferMinutes: string;
  minNoticeMinutes: string;
  cancellationCutoffMinutes: string;
}

/** `/salons/new` and `/salons/[salonId]/settings`: a salon's details and booking rules. */
export class SalonDetailsSettingsPage {
  constructor(readonly page: Page) {}

  async gotoNew() {
    await this.page.goto("/salons/new");
    await expect(this.page.getByRole("heading", { level: 1, name: "Create a salon" })).toBeVisible();
  }

  async goto(salonId: string) {
    await this.page.goto(`/salons/${salonId}/settings`);
    await expect(this.form).toBeVisible();
  }

  get form() {
    return this.page.getByRole("form", { name: /^(Create a salon|Details and booking rules)$/ });
  }
  get nameField() {
    return this.form.getByLabel("Salon name");
  }
  get slugField() {
    return this.form.getByLabel("Web address (slug)");
  }
  get timeZoneField() {
    return this.form.getByLabel("Time zone");
  }
  get bufferField() {
    return this.form.getByLabel("Buffer after each booking");
  }
  get submitButton() {
    return this.form.getByRole("button", { name: /^(Create salon|Save details|Creating…|Saving…)$/ });
  }
  /** The form's polite live region. */
  get status() {
    return this.form.getByRole("status");
  }
  /** The page's "saved" line after a redirect. */
  get savedNotice() {
    return this.page.getByRole("status").filter({ hasText: /saved|created/i }).first();
  }

  /**
   * Fills every field and submits using the keyboard alone: Tab from field to field, type-ahead
   * in the time zone list, select-all to replace a value, Enter to submit.
   */
  async fillAndSubmitWithKeyboard(details: SalonDetails) {
    const { keyboard } = this.page;
    await this.nameField.focus();
    const replace = async (text: string) => {
      await keyboard.press("ControlOrMeta+a");
      await keyboard.type(text);
    };
    await replace(details.name);
    await keyboard.press("Tab");
    await expect(this.slugField).toBeFocused();
    await replace(details.slug);
    await keyboard.press("Tab");
    await expect(this.timeZoneField).toBeFocused();
    await keyboard.type(details.timeZone);
    await expect(this.timeZoneField).toHaveValue(details.timeZone);
    await keyboard.press("Tab");
    await replace(details.address);
    await keyboard.press("Tab");
    await expect(this.bufferField).toBeFocused();
    await replace(details.bufferMinutes);
    await keyboard.press("Tab");
    await replace(details.minNoticeMinutes);
    await keyboard.press("Tab");
    await replace(details.cancellationCutoffMinutes);
    await keyboard.press("Enter");
  }

  /** The salon id from a settings URL. */
  salonId(): string {
    const match = /\/salons\/([0-9a-f-]{36})\/settings/.exec(this.page.url());
    if (!match) throw new Error(`not a salon settings URL: ${this.page.url()}`);
    return match[1];
  }
}
