import { expect, type Page } from "@playwright/test";

/** `/sign-in`: the salon owner's email and password form. */
export class SignInPage {
  constructor(readonly page: Page) {}

  async goto(callbackUrl?: string) {
    await this.page.goto(callbackUrl ? `/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/sign-in");
    await this.expectLoaded();
  }

  async expectLoaded() {
    await expect(this.page.getByRole("heading", { level: 1, name: "Sign in to your salons" })).toBeVisible();
  }

  get form() {
    return this.page.getByRole("form", { name: "Sign in to your salons" });
  }
  get emailField() {
    return this.page.getByLabel("Email");
  }
  get passwordField() {
    return this.page.getByLabel("Password");
  }
  get submitButton() {
    return this.page.getByRole("button", { name: /^Sign in$|Signing in…/ });
  }
  /** The form's polite live region: "That email and password do not match.", … */
  get status() {
    return this.form.getByRole("status");
  }

  /** Types the credentials and submits with Enter, as a keyboard user would. */
  async signIn(email: string, password: string) {
    await this.emailField.fill(email);
    await this.passwordField.fill(password);
    await this.passwordField.press("Enter");
  }

  /** An attempt expected to be refused: returns once the server has answered (the form resets the password). */
  async signInRefused(email: string, password: string) {
    await this.signIn(email, password);
    await expect(this.passwordField).toHaveValue("");
    await expect(this.submitButton).toBeEnabled();
  }
}
