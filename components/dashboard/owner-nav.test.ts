import { describe, expect, it } from "vitest";
import { currentSalonId, linkHref } from "./owner-nav";

const SALON = "3f0e7c6a-1d2b-4c5d-8e9f-0a1b2c3d4e5f";

describe("the owner bar keeps the salon being worked on", () => {
  it("reads the salon from ?salon= or from a /salons/{id}/ page, and nothing else", () => {
    expect(currentSalonId("/dashboard", SALON)).toBe(SALON);
    expect(currentSalonId(`/salons/${SALON}/settings/services`, null)).toBe(SALON);
    expect(currentSalonId(`/salons/${SALON}`, null)).toBe(SALON);
    expect(currentSalonId("/dashboard", null)).toBeUndefined();
    expect(currentSalonId("/dashboard", "<script>")).toBeUndefined();
    expect(currentSalonId("/salons/new", null)).toBeUndefined();
  });

  it("adds it to the links of salon sections only", () => {
    expect(linkHref({ href: "/dashboard/health", label: "Delivery health", keepsSalon: true }, SALON)).toBe(`/dashboard/health?salon=${SALON}`);
    expect(linkHref({ href: "/dashboard/health", label: "Delivery health", keepsSalon: true }, undefined)).toBe("/dashboard/health");
    expect(linkHref({ href: "/account", label: "Account" }, SALON)).toBe("/account");
  });
});
