import { describe, expect, it } from "vitest";
import { slugSchema } from "@/lib/booking/schemas";
import { preferredTimeZone, slugFromName } from "./slug";

describe("slugFromName", () => {
  it("makes a valid slug of a name, accents and punctuation gone", () => {
    expect(slugFromName("Café Öl & Co.")).toBe("cafe-ol-co");
    expect(slugFromName("  Shoreditch   Cuts  ")).toBe("shoreditch-cuts");
    expect(slugFromName("Salon 21 -- Mayfair!")).toBe("salon-21-mayfair");
  });

  it("stays within 60 characters without a trailing hyphen", () => {
    const slug = slugFromName(`${"a".repeat(59)} b c`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith("-")).toBe(false);
    expect(slugSchema.safeParse(slug).success).toBe(true);
  });

  it("gives nothing for a name with no letters or digits (the field then asks for a slug)", () => {
    expect(slugFromName("✂️ ✂️")).toBe("");
  });
});

describe("preferredTimeZone", () => {
  it("takes the browser's zone only when it is a known one", () => {
    const known = ["Europe/London", "America/New_York"];
    expect(preferredTimeZone("America/New_York", known, "Europe/London")).toBe("America/New_York");
    expect(preferredTimeZone("Mars/Olympus", known, "Europe/London")).toBe("Europe/London");
    expect(preferredTimeZone(undefined, known, "Europe/London")).toBe("Europe/London");
  });
});
