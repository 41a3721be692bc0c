import { expect, type Page } from "@playwright/test";

/** `/sign-up`: a new salon owner's account. */
export class SignUpPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/sign-up");
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Create an owner account" })).toBeVisible();
  }

  get form() {
    return this.page.getByRole("form", { name: "Create an owner account" });
  }
  get nameField() {
    return this.form.getByLabel("Your name");
  }
  get emailField() {
    return this.form.getByLabel("Email");
  }
  get passwordField() {
    return this.form.getByLabel("Password");
  }
  get status() {
    return this.form.getByRole("status");
  }

  async signUp(details: { name: string; email: string; password: string }) {
    await this.nameField.fill(details.name);
    await this.emailField.fill(details.email);
    await this.passwordField.fill(details.password);
    await this.form.getByRole("button", { name: /Create account|Creating account…/ }).click();
  }
}
