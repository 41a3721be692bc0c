import { expect, type Page } from "@playwright/test";

export interface CustomerDetails {
  name: string;
  email: string;
  phone?: string;
  note?: string;
}

/** `/s/[slug]/book`: the chosen slot's summary and the customer's details form. */
export class BookingFormPage {
  constructor(readonly page: Page) {}

  async expectLoaded() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Your booking" })).toBeVisible();
  }

  get form() {
    return this.page.getByRole("form", { name: "Your details" });
  }

  /** The summary's value for a term such as "Time" or "Stylist". */
  summary(term: string) {
    return this.page
      .getByRole("region", { name: "What you are booking" })
      .locator("dt", { hasText: new RegExp(`^${term}$`) })
      .locator("xpath=following-sibling::dd[1]");
  }

  get nameField() {
    return this.form.getByLabel("Your name");
  }
  get emailField() {
    return this.form.getByLabel("Email");
  }
  get submitButton() {
    return this.page.getByRole("button", { name: /Confirm booking|Booking…/ });
  }
  get status() {
    return this.form.getByRole("status");
  }

  async fillDetails(details: CustomerDetails) {
    await this.nameField.fill(details.name);
    await this.emailField.fill(details.email);
    if (details.phone !== undefined) await this.form.getByLabel("Phone").fill(details.phone);
    if (details.note !== undefined) await this.form.getByLabel("Note for the salon").fill(details.note);
  }

  async submit() {
    await this.submitButton.click();
  }

  /** The hidden idempotency key the server put in this form. */
  idempotencyKey(): Promise<string> {
    return this.form.locator('input[name="idempotencyKey"]').inputValue();
  }

  /** Submits the form twice in a row, as a double click or an impatient Enter would. */
  async submitTwiceQuickly() {
    await this.form.evaluate((form: HTMLFormElement) => {
      form.requestSubmit();
      form.requestSubmit();
    });
  }
}
