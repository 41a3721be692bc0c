import { describe, expect, it } from "vitest";
import { parseRelayNudge } from "./nudge-signal";

// A NOTIFY payload comes from anyone who can connect to the database: it is read, never trusted.
describe("parseRelayNudge", () => {
  const salon = "2e3a8139-ea3c-4413-8ea5-39626305752f";

  it("reads the salons and channels a server nudged", () => {
    expect(parseRelayNudge(JSON.stringify({ salonIds: [salon], channels: ["owner-email"] }))).toEqual({ salonIds: [salon], channels: ["owner-email"] });
  });

  it("turns anything malformed into a nudge for everything", () => {
    for (const payload of [undefined, "", "not json", "null", "[]", JSON.stringify({ salonIds: "x", channels: 3 })]) {
      expect(parseRelayNudge(payload)).toEqual({ salonIds: [], channels: [] });
    }
    expect(parseRelayNudge(JSON.stringify({ salonIds: [salon, "'; drop table outbox"], channels: ["Owner Email\n", "dashboard"] }))).toEqual({
      salonIds: [salon],
      channels: ["dashboard"],
    });
  });
});
