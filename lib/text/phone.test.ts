import { describe, expect, it } from "vitest";
import { isPhoneCountry, phoneProblem } from "./phone";

describe("phone numbers", () => {
  it("accepts real numbers, national ones read in the salon's country", () => {
    expect(phoneProblem("020 7946 0000", "GB")).toBeUndefined();
    expect(phoneProblem("+44 20 7946 0000", "US")).toBeUndefined();
    expect(phoneProblem("(415) 555-2671", "US")).toBeUndefined();
    expect(phoneProblem("030 12345678", "DE")).toBeUndefined();
  });

  it("refuses what cannot be a phone number", () => {
    expect(phoneProblem("1", "GB")).toMatch(/complete phone number/);
    expect(phoneProblem("+1", "GB")).toMatch(/complete phone number/);
    expect(phoneProblem("(415) 555-2671", "GB")).toMatch(/read as GB/);
  });

  it("knows which countries it can read", () => {
    expect(isPhoneCountry("GB")).toBe(true);
    expect(isPhoneCountry("gb")).toBe(false);
    expect(isPhoneCountry("XX")).toBe(false);
  });
});
