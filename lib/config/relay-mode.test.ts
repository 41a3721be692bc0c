import { describe, expect, it } from "vitest";
import { decideRelayMode } from "./relay-mode";

describe("decideRelayMode", () => {
  it("runs the embedded relay when nothing about Inngest is configured", () => {
    expect(decideRelayMode({})).toMatchObject({ mode: "embedded", warnings: [] });
    expect(decideRelayMode({ INNGEST_DEV: "0", INNGEST_EVENT_KEY: " " })).toMatchObject({ mode: "embedded" });
  });

  it("runs the Inngest function when any INNGEST_* setting is present", () => {
    expect(decideRelayMode({ INNGEST_DEV: "1" })).toMatchObject({ mode: "inngest", warnings: [] });
    expect(decideRelayMode({ INNGEST_DEV: "http://127.0.0.1:8288" }).mode).toBe("inngest");
    expect(decideRelayMode({ INNGEST_SIGNING_KEY: "signkey-prod-x", INNGEST_EVENT_KEY: "k" })).toMatchObject({
      mode: "inngest",
      warnings: [],
    });
  });

  it("lets RELAY_MODE override, and rejects a value it does not know", () => {
    expect(decideRelayMode({ RELAY_MODE: "embedded", INNGEST_DEV: "1" }).mode).toBe("embedded");
    expect(decideRelayMode({ RELAY_MODE: "Inngest", INNGEST_DEV: "1" }).mode).toBe("inngest");
    expect(decideRelayMode({ RELAY_MODE: "external", INNGEST_DEV: "1" })).toMatchObject({ mode: "external", reason: "RELAY_MODE=external", warnings: [] });
    expect(() => decideRelayMode({ RELAY_MODE: "both" })).toThrow(/RELAY_MODE/);
  });

  it("warns when cloud mode lacks the keys it needs", () => {
    const { mode, warnings } = decideRelayMode({ INNGEST_EVENT_KEY: "k" });
    expect(mode).toBe("inngest");
    expect(warnings.join(" ")).toMatch(/INNGEST_SIGNING_KEY/);
    expect(decideRelayMode({ RELAY_MODE: "inngest" }).warnings).toHaveLength(2);
  });
});
