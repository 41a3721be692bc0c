import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { createBooking } from "./create-booking";
import type { BookingRequestInput } from "./schemas";
import { bookingRequest, countRows, londonStart, newKey, TEST_DATE, TEST_NOW } from "./test-support";
import { NEW_CUSTOMER } from "@/lib/booking/actor";

// Bad input is answered with field errors and writes nothing, whoever calls the core.
let t: TestDatabase;
let f: SalonFixture;
let other: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  // 2 hours' notice; Stylist 1 is off on 2027-06-16; every day 09:00–12:00 and 13:00–17:00.
  f = await createSalonFixture(t.db, { minNoticeMinutes: 120, daysOff: ["2027-06-16"] });
  other = await createSalonFixture(t.db);
});
afterAll(async () => {
  await t?.dispose();
});

async function expectInvalid(request: BookingRequestInput, field: string, message: RegExp, options: { now?: Date; key?: string } = {}) {
  const result = await createBooking(t.db, request, { actor: NEW_CUSTOMER, idempotencyKey: options.key ?? newKey("bad"), now: options.now ?? TEST_NOW });
  expect(result.status).toBe("invalid");
  if (result.status !== "invalid") return;
  expect(Object.keys(result.fieldErrors)).toEqual([field]);
  expect(result.fieldErrors[field].join(" ")).toMatch(message);
  expect(await countRows(t.db)).toEqual({ bookings: 0, outbox: 0 });
}

describe("createBooking refuses bad requests with field errors and writes nothing", () => {
  it("a phone number that cannot be one, read in the salon's country (GB by default)", async () => {
    await expectInvalid(bookingRequest(f, { start: londonStart("10:00"), customer: { name: "Jo", email: "jo@example.com", phone: "1" } }), "customer.phone", /complete phone number/);
    await expectInvalid(
      bookingRequest(f, { start: londonStart("10:00"), customer: { name: "Jo", email: "jo@example.com", phone: "(415) 555-2671" } }),
      "customer.phone",
      /read as GB/,
    );
  });

  it("a slot in the past", async () => {
    await expectInvalid(bookingRequest(f), "start", /already passed/, { now: new Date(`${TEST_DATE}T12:00:00Z`) });
  });

  it("a slot inside the minimum notice", async () => {
    await expectInvalid(bookingRequest(f, { start: londonStart("10:00") }), "start", /2 hours' notice/, {
      now: new Date(`${TEST_DATE}T08:30:00Z`), // 09:30 in London: 10:00 is only 30 minutes away
    });
  });

  it("a slot outside working hours", async () => {
    await expectInvalid(bookingRequest(f, { start: londonStart("08:00") }), "start", /outside working hours/);
    await expectInvalid(bookingRequest(f, { start: londonStart("16:45") }), "start", /outside working hours/);
    await expectInvalid(bookingRequest(f, { start: londonStart("21:00") }), "start", /outside working hours/);
  });

  it("a slot in the lunch break", async () => {
    await expectInvalid(bookingRequest(f, { start: londonStart("12:15") }), "start", /break/);
    await expectInvalid(bookingRequest(f, { start: londonStart("11:45"), serviceId: f.services[1].id }), "start", /break/);
  });

  it("a stylist's day off", async () => {
    await expectInvalid(bookingRequest(f, { start: londonStart("10:00", "2027-06-16") }), "start", /stylist is not working that day/);
  });

  it("a start off the 15-minute grid", async () => {
    await expectInvalid(bookingRequest(f, { start: londonStart("10:05") }), "start", /every 15 minutes/);
    await expectInvalid(bookingRequest(f, { start: "2027-06-15T09:00:30Z" }), "start", /every 15 minutes/);
  });

  it("an unknown salon, service or stylist", async () => {
    await expectInvalid(bookingRequest(f, { salon: "no-such-salon" }), "salon", /Unknown salon/);
    await expectInvalid(bookingRequest(f, { serviceId: "00000000-0000-4000-8000-000000000000" }), "serviceId", /Unknown service/);
    await expectInvalid(bookingRequest(f, { stylistId: "00000000-0000-4000-8000-000000000000" }), "stylistId", /Unknown stylist/);
  });

  it("a service or stylist of another salon", async () => {
    await expectInvalid(bookingRequest(f, { serviceId: other.services[0].id }), "serviceId", /Unknown service/);
    await expectInvalid(bookingRequest(f, { stylistId: other.stylists[0].id }), "stylistId", /Unknown stylist/);
  });

  it("input that skipped validation: bad email, oversized name, wrong types, bad key", async () => {
    await expectInvalid(bookingRequest(f, { customer: { name: "Jo", email: "not-an-email" } }), "customer.email", /valid email/);
    await expectInvalid(bookingRequest(f, { customer: { name: "x".repeat(10_000), email: "jo@example.com" } }), "customer.name", /at most 120/);
    await expectInvalid({ ...bookingRequest(f), serviceId: 42 } as unknown as BookingRequestInput, "serviceId", /./);
    await expectInvalid(bookingRequest(f, { start: "2027-06-15 10:00" }), "start", /ISO 8601/);
    await expectInvalid(bookingRequest(f), "idempotencyKey", /8 to 200/, { key: "short" });
  });
});
