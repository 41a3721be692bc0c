import type { Page } from "@playwright/test";
import { expect, SEEDED_SALON, test } from "./fixtures";
import { SignInPage } from "./pages/sign-in-page";

// Issue 13 against the production build, from outside: what an attacker tried, and what a browser
// needs to keep working under the new headers.

const MARCUS = { email: "marcus@example.com", password: "demo-password-marcus" };

/** Records every Content-Security-Policy violation the page reports. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => console.error(`Refused to execute (CSP): ${e.violatedDirective} ${e.blockedURI}`));
  });
  return violations;
}

test("every page carries a nonce CSP and the security headers, and still hydrates and works under them", async ({ page, request, bookingApi, bookingDate }) => {
  const violations = await watchCspViolations(page);

  const response = await page.goto(`/s/${SEEDED_SALON.slug}`);
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"]).toContain("camera=()");
  // Next.js put the request's nonce on its own scripts (browsers hide it from the DOM: read the HTML).
  const html = await request.get(`/s/${SEEDED_SALON.slug}`);
  const policy = html.headers()["content-security-policy"];
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  const scripts = (await html.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((tag) => !tag.includes(`nonce="${nonce}"`))).toEqual([]);

  // The API: nothing in a JSON answer may run or be framed.
  const api = await request.get("/api/v1/salons");
  expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");

  // Hydrated: the booking form moves the keyboard to the first field to fix, which only its
  // script does, after a refused submit.
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const [slot] = await bookingApi.availability(SEEDED_SALON.slug, { serviceId: salon.services[0].id, from: bookingDate });
  await page.goto(`/s/${SEEDED_SALON.slug}/book?service=${salon.services[0].id}&start=${encodeURIComponent(slot.start)}`);
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByLabel("Your name")).toBeFocused();
  expect(violations).toEqual([]);
});

test("a manage link's page sends no Referer", async ({ request }) => {
  const response = await request.get("/b/not-a-real-token-but-long-enough-aaaaaaaaaaaaaaaa");
  expect(response.status()).toBe(404);
  expect(response.headers()["referrer-policy"]).toBe("no-referrer");
});

test("a forged X-Forwarded-For does not get past the sign-in limit (the client is the socket's peer)", async ({ page }) => {
  const signIn = new SignInPage(page);
  await signIn.goto();
  const email = `xff-${Date.now()}@example.test`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    // A fresh address per attempt, in every header a client could forge.
    await page.setExtraHTTPHeaders({ "x-forwarded-for": `198.51.100.${attempt}`, "x-real-ip": `198.51.100.${attempt}`, "x-salon-peer-address": `198.51.100.${attempt}` });
    await signIn.signInRefused(email, `guess-${attempt}`);
    await expect(signIn.status).toHaveText("That email and password do not match.");
  }
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.200", "x-salon-peer-address": "203.0.113.200" });
  await signIn.signInRefused(email, "guess-6");
  await expect(signIn.status).toHaveText(/^Too many sign-in attempts/);
});

test("malformed paths and far-off dates are answered, not a 500 or a hung server", async ({ request, page, bookingApi }) => {
  // Once a 500 on every dynamic route: now the literal text reaches the route (an unknown slug or token).
  const answers: [string, number][] = [
    ["/api/v1/salons/%ZZ", 404],
    ["/api/v1/salons/%E0%A4%A/availability", 400], // no serviceId
    ["/b/%ZZ", 404],
    ["/s/%ZZ", 404],
  ];
  for (const [path, status] of answers) expect((await request.get(path)).status(), path).toBe(status);
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const serviceId = salon.services[0].id;
  const api = await request.get(`/api/v1/salons/${SEEDED_SALON.slug}/availability?serviceId=${serviceId}&from=9999-12-31`, { timeout: 15_000 });
  expect(api.status()).toBe(400);
  expect((await api.json()).fieldErrors.from[0]).toMatch(/at most 90 days ahead/);
  expect((await request.get(`/api/v1/salons/${SEEDED_SALON.slug}/availability?serviceId=${serviceId}&from=0000-01-01`)).status()).toBe(400);

  await page.goto(`/s/${SEEDED_SALON.slug}?service=${serviceId}&date=9999-12-31`, { timeout: 15_000 });
  await expect(page.getByRole("alert").filter({ hasText: "Please check your choice" })).toContainText("Bookings open at most 90 days ahead.");
  expect((await request.get("/api/health")).status()).toBe(200);
});

test("the booking form says so when an email has had its bookings for the hour", async ({ page, request, bookingApi, bookingDate }) => {
  const email = `busy-${Date.now()}@example.test`;
  const salon = await bookingApi.salon(SEEDED_SALON.slug);
  const serviceId = salon.services[0].id;
  const durationMs = salon.services[0].durationMinutes * 60_000;
  // Twelve times that do not overlap for the stylist booked (another test may book this day too).
  const freeUntil = new Map<string, number>();
  const slots: { start: string; stylistId: string }[] = [];
  const weekLater = new Date(Date.parse(`${bookingDate}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10);
  for (const slot of await bookingApi.availability(SEEDED_SALON.slug, { serviceId, from: bookingDate, to: weekLater })) {
    const stylistId = slot.stylistIds.find((id) => (freeUntil.get(id) ?? 0) <= Date.parse(slot.start));
    if (!stylistId || slots.length === 12) continue;
    freeUntil.set(stylistId, Date.parse(slot.start) + durationMs + 60 * 60_000);
    slots.push({ start: slot.start, stylistId });
  }
  expect(slots).toHaveLength(12);
  // The default limit: 10 bookings per customer email an hour.
  for (const slot of slots.slice(0, 10)) {
    const made = await request.post("/api/v1/bookings", {
      headers: { "idempotency-key": crypto.randomUUID() },
      data: { salon: SEEDED_SALON.slug, serviceId, stylistId: slot.stylistId, start: slot.start, customer: { name: "Busy Person", email } },
    });
    expect(made.status(), await made.text()).toBe(201);
  }
  const refused = await request.post("/api/v1/bookings", {
    headers: { "idempotency-key": crypto.randomUUID() },
    data: { salon: SEEDED_SALON.slug, serviceId, stylistId: slots[10].stylistId, start: slots[10].start, customer: { name: "Busy Person", email } },
  });
  expect(refused.status()).toBe(429);
  expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await refused.json()).toEqual({ error: "rate_limited" });

  await page.goto(`/s/${SEEDED_SALON.slug}/book?service=${serviceId}&stylist=${slots[11].stylistId}&start=${encodeURIComponent(slots[11].start)}`);
  await page.getByLabel("Your name").fill("Busy Person");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Confirm booking" }).click();
  await expect(page.getByRole("status")).toContainText("Too many requests from your network or for these details just now.");
});

test("signing out ends the session on the server: a copied cookie stops working", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const signIn = new SignInPage(page);
  await signIn.goto("/dashboard");
  await signIn.signIn(MARCUS.email, MARCUS.password);
  await expect(page).toHaveURL(/\/dashboard/);
  const copied = await context.storageState();

  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn.expectLoaded();
  await context.close();

  // Someone who kept a copy of the cookie from before the sign-out.
  const thief = await browser.newContext({ storageState: copied });
  const stolen = await thief.newPage();
  await stolen.goto("/dashboard");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await thief.close();
});

test("/api/metrics refuses without METRICS_TOKEN in production", async ({ request }) => {
  const response = await request.get("/api/metrics");
  expect(response.status()).toBe(401);
  expect(await response.text()).not.toContain("outbox_events");
});
