import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { DateTime } from "luxon";
import { test as base, expect, SEEDED_SALON, workingDayAhead } from "./fixtures";
import { BookingFormPage } from "./pages/booking-form-page";
import { ConfirmationPage } from "./pages/confirmation-page";
import { DashboardPage } from "./pages/dashboard-page";
import { SalonPage } from "./pages/salon-page";
import { SignInPage } from "./pages/sign-in-page";

// The owner's side of the relay: a booking a customer makes in one browser appears on the
// owner's dashboard in another, live, in the salon's local time. The owner's browser runs in Los
// Angeles on purpose: the London salon's times must still read as London times.

const AVA = { email: "ava@example.com", password: "demo-password-ava", name: "Ava Thompson" };
const MARCUS = { email: "marcus@example.com", password: "demo-password-marcus", name: "Marcus Reed" };
const SERVICE = "Women's cut & blow-dry";
const STYLIST = "Priya";

const test = base.extend<{ signInPage: SignInPage; dashboardPage: DashboardPage }>({
  signInPage: async ({ page }, use) => use(new SignInPage(page)),
  dashboardPage: async ({ page }, use) => use(new DashboardPage(page)),
});

test.use({ locale: "en-GB", timezoneId: "America/Los_Angeles" });

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
}

test("a customer's booking appears on the owner's dashboard live, in the salon's local time", async ({
  browser,
  page,
  signInPage,
  dashboardPage,
}) => {
  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await expect(dashboardPage.salonList()).toContainText([/Brooklyn Blowout Bar/, /Shoreditch Cuts/]);
  await dashboardPage.expectLive();
  const unreadBefore = await dashboardPage.unreadCount();
  // Survives only if the page is never reloaded.
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

  // The customer, in a browser of their own, books through the salon's pages.
  const customerContext = await browser.newContext({ locale: "en-GB" });
  const customer = await customerContext.newPage();
  const salonPage = new SalonPage(customer);
  const bookingForm = new BookingFormPage(customer);
  const confirmation = new ConfirmationPage(customer);
  const date = workingDayAhead(SEEDED_SALON.timeZone, 5);
  await salonPage.goto(SEEDED_SALON.slug);
  await salonPage.findFreeTimes({ service: SERVICE, stylist: STYLIST, date });
  const time = (await salonPage.slotTimes())[0];
  expect(time, "a free time to book").toMatch(/^\d\d:\d\d$/);
  await salonPage.slot(time).click();
  await bookingForm.expectLoaded();
  await bookingForm.fillDetails({ name: "Ada Lovelace", email: "ada@example.test" });
  await bookingForm.submit();
  await confirmation.expectLoaded();
  const reference = (await confirmation.reference.innerText()).trim();
  await customerContext.close();

  // The owner's feed shows it without a reload: type, customer, service, stylist, salon, time.
  const entry = dashboardPage.entry(reference);
  await expect(entry).toBeVisible({ timeout: 15_000 });
  await expect(entry).toContainText("New booking");
  await expect(entry).toContainText(`Ada Lovelace · ${SERVICE} with ${STYLIST}`);
  await expect(entry).toContainText(SEEDED_SALON.name);
  const local = DateTime.fromISO(`${date}T${time}`, { zone: SEEDED_SALON.timeZone }).setLocale("en-GB");
  const zone = local.offsetNameShort; // GMT or BST, as London reads it
  // Punctuation between the parts varies with the browser's ICU version; the parts do not.
  await expect(entry.locator("time")).toHaveText(
    new RegExp(`^${local.toFormat("ccc")},? ${local.toFormat("d LLL yyyy")},? ${time} ${zone}$`),
  );
  await expect(entry).toContainText("(Europe/London)");
  expect(DateTime.fromISO((await entry.locator("time").getAttribute("datetime"))!).toMillis()).toBe(local.toMillis());
  await expect(dashboardPage.feed.getByText(/^\d+ unread$/)).toHaveText(`${unreadBefore + 1} unread`);
  expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

  // Another owner never sees it.
  const marcusContext = await browser.newContext();
  const marcusPage = await marcusContext.newPage();
  const marcusSignIn = new SignInPage(marcusPage);
  const marcusDashboard = new DashboardPage(marcusPage);
  await marcusSignIn.goto("/dashboard");
  await marcusSignIn.signIn(MARCUS.email, MARCUS.password);
  await marcusDashboard.expectLoaded(MARCUS.name);
  await marcusDashboard.expectLive();
  await expect(marcusDashboard.feed).not.toContainText(reference);
  await expect(marcusDashboard.feed).not.toContainText(SEEDED_SALON.name);
  await marcusContext.close();

  // Mark as read, then sign out: the dashboard is closed again.
  await dashboardPage.feed.getByRole("button", { name: "Mark all as read" }).click();
  await expect(dashboardPage.feed.getByText(/^\d+ unread$/)).toHaveText("0 unread");
  await dashboardPage.signOut();
  await signInPage.expectLoaded();
  await dashboardPage.goto();
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)dashboard$/);
});

test("the dashboard sends a visitor without a session to sign in", async ({ page, signInPage }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)dashboard$/);
  await signInPage.expectLoaded();
});

test("the sign-in form explains what went wrong, by field and for the whole form", async ({ page, signInPage }) => {
  await signInPage.goto();
  await signInPage.submitButton.click();
  await expect(signInPage.emailField).toHaveAttribute("aria-invalid", "true");
  await expect(signInPage.emailField).toHaveAccessibleDescription(/Please enter a valid email address/);
  await expect(signInPage.passwordField).toHaveAccessibleDescription("Please enter your password");
  await expect(signInPage.emailField).toBeFocused();

  // An unknown account (not a seeded one, so the seeded accounts' attempt limit is left alone).
  await signInPage.signInRefused("nobody@example.test", "whatever-it-is");
  await expect(signInPage.status).toHaveText("That email and password do not match.");
  await expect(signInPage.emailField).toHaveValue("nobody@example.test");
  await expect(signInPage.passwordField).toHaveValue("");
  // Production build: the demo credentials are not on the page.
  await expect(page.getByText("demo-password-ava")).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test("repeated wrong passwords lock the account for a while", async ({ signInPage }) => {
  await signInPage.goto();
  const email = "locked-out@example.test";
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signInPage.signInRefused(email, `guess-${attempt}`);
    await expect(signInPage.status).toHaveText("That email and password do not match.");
  }
  await signInPage.signInRefused(email, "guess-6");
  await expect(signInPage.status).toHaveText("Too many sign-in attempts. Please wait 15 minutes and try again.");
});

test("the dashboard has no serious accessibility violations", async ({ page, signInPage, dashboardPage }) => {
  await signInPage.goto("/dashboard");
  await signInPage.signIn(AVA.email, AVA.password);
  await dashboardPage.expectLoaded(AVA.name);
  await dashboardPage.expectLive();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the notification stream refuses a visitor without a session", async ({ request }) => {
  const response = await request.get("/api/dashboard/stream");
  expect(response.status()).toBe(401);
  expect(await response.json()).toEqual({ error: "unauthorized" });
});
