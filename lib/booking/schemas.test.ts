import { describe, expect, it } from "vitest";
import { availabilityQuerySchema, bookingRequestSchema, fieldErrors, idempotencyKeySchema } from "./schemas";

// The schema layer every entry point shares: bad input becomes field errors before any work.
const valid = {
  salon: "shoreditch-cuts",
  serviceId: "6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
  stylistId: "7a1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f",
  start: "2027-03-14T10:00:00-04:00",
  customer: { name: "Jo Bloggs", email: "jo@example.com" },
};

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const result = schema.safeParse(value);
  expect(result.success).toBe(false);
  return fieldErrors(result.error as Parameters<typeof fieldErrors>[0]);
}

describe("bookingRequestSchema", () => {
  it("accepts a well-formed request and trims the customer's details", () => {
    const parsed = bookingRequestSchema.parse({ ...valid, customer: { name: "  Jo  ", email: " jo@example.com", phone: "", note: " hi " } });
    expect(parsed.customer).toEqual({ name: "Jo", email: "jo@example.com", phone: undefined, note: "hi" });
    expect(bookingRequestSchema.safeParse({ ...valid, stylistId: undefined }).success).toBe(true);
  });

  it("names the field of a bad email", () => {
    expect(errorsOf(bookingRequestSchema, { ...valid, customer: { name: "Jo", email: "jo@" } })).toEqual({
      "customer.email": ["Please enter a valid email address"],
    });
  });

  it("refuses a 10,000-character name", () => {
    expect(errorsOf(bookingRequestSchema, { ...valid, customer: { name: "x".repeat(10_000), email: "jo@example.com" } })).toEqual({
      "customer.name": ["Name must be at most 120 characters"],
    });
  });

  it("refuses wrong JSON types field by field", () => {
    const errors = errorsOf(bookingRequestSchema, { salon: 7, serviceId: 42, stylistId: null, start: 1_700_000_000, customer: "Jo" });
    expect(Object.keys(errors).sort()).toEqual(["customer", "salon", "serviceId", "start", "stylistId"]);
    expect(Object.keys(errorsOf(bookingRequestSchema, []))).toEqual(["_"]);
    expect(Object.keys(errorsOf(bookingRequestSchema, { ...valid, customer: { name: ["Jo"], email: true } })).sort()).toEqual([
      "customer.email",
      "customer.name",
    ]);
  });

  it("refuses a start without a time zone, a malformed id and an overlong note or phone", () => {
    const errors = errorsOf(bookingRequestSchema, {
      ...valid,
      serviceId: "not-a-uuid",
      start: "2027-03-14T10:00:00",
      customer: { name: "Jo", email: "jo@example.com", phone: "call me maybe", note: "n".repeat(1001) },
    });
    expect(Object.keys(errors).sort()).toEqual(["customer.note", "customer.phone", "serviceId", "start"]);
  });
});

describe("availabilityQuerySchema", () => {
  const query = { serviceId: valid.serviceId, from: "2027-03-14" };

  it("accepts a date, an optional stylist and a range of up to 31 days", () => {
    expect(availabilityQuerySchema.safeParse(query).success).toBe(true);
    expect(availabilityQuerySchema.safeParse({ ...query, stylistId: valid.stylistId, to: "2027-04-13" }).success).toBe(true);
  });

  it.each(["2027-02-30", "14/03/2027", "2027-3-14", "tomorrow", ""])("refuses the malformed date %j", (from) => {
    expect(Object.keys(errorsOf(availabilityQuerySchema, { ...query, from }))).toEqual(["from"]);
  });

  it("refuses a reversed or too long range on `to`", () => {
    expect(errorsOf(availabilityQuerySchema, { ...query, to: "2027-03-13" })).toEqual({ to: ["to must not be before from"] });
    expect(errorsOf(availabilityQuerySchema, { ...query, to: "2027-04-14" })).toEqual({ to: ["The range may cover at most 31 days"] });
  });

  it("refuses a malformed service id", () => {
    expect(Object.keys(errorsOf(availabilityQuerySchema, { ...query, serviceId: "1 OR 1=1" }))).toEqual(["serviceId"]);
  });
});

describe("idempotencyKeySchema", () => {
  it("accepts UUIDs and refuses short, long or odd keys", () => {
    expect(idempotencyKeySchema.safeParse("0b6f0a40-7c2e-4a8e-9d7a-1f2e3d4c5b6a").success).toBe(true);
    for (const bad of ["short", "k".repeat(201), "has space in it", "semi;colon-key"]) {
      expect(idempotencyKeySchema.safeParse(bad).success).toBe(false);
    }
  });
});
