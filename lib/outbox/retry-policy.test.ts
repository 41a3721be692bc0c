import { describe, expect, it } from "vitest";
import { afterFailure, backoffDelayMs, DEFAULT_RETRY_POLICY, giveUpReason, giveUpTime, isExpired } from "./retry-policy";

const policy = DEFAULT_RETRY_POLICY;
const at = (iso: string) => new Date(iso);

describe("retry policy", () => {
  it("doubles from about two seconds, caps at ten minutes, and jitters down to zero", () => {
    expect(backoffDelayMs(1, policy, () => 0.999999)).toBe(1_999);
    expect(backoffDelayMs(2, policy, () => 0.999999)).toBe(3_999);
    expect(backoffDelayMs(9, policy, () => 0.999999)).toBe(511_999);
    expect(backoffDelayMs(10, policy, () => 0.999999)).toBe(599_999);
    expect(backoffDelayMs(50, policy, () => 0.999999)).toBe(599_999);
    expect(backoffDelayMs(5, policy, () => 0)).toBe(0);
  });

  it("retries a transient failure for a day, far longer than an outage of an hour", () => {
    const due = at("2030-03-01T10:00:00Z");
    const giveUpAt = giveUpTime(due, null, false, policy);
    expect(giveUpAt.toISOString()).toBe("2030-03-02T10:00:00.000Z");
    // An hour into an outage, after dozens of tries, it still retries.
    expect(afterFailure("transient", 40, giveUpAt, null, false, at("2030-03-01T11:00:00Z"), policy, () => 0.5)).toMatchObject({ kind: "retry" });
    // Once the next try would fall past the horizon, it gives up.
    expect(afterFailure("transient", 200, giveUpAt, null, false, at("2030-03-02T09:59:00Z"), policy, () => 0.5)).toEqual({ kind: "give_up", failure: "transient" });
  });

  it("gives up a permanent failure at once", () => {
    expect(afterFailure("permanent", 1, null, null, false, at("2030-03-01T10:00:00Z"), policy)).toEqual({ kind: "give_up", failure: "permanent" });
  });

  it("never retries past the event's expiry for a channel that honours it, and ignores it for one that does not", () => {
    const start = at("2030-03-01T10:00:00Z");
    const due = at("2030-03-01T09:59:30Z");
    expect(giveUpTime(due, start, true, policy).toISOString()).toBe(start.toISOString());
    expect(giveUpTime(due, start, false, policy).toISOString()).toBe("2030-03-02T09:59:30.000Z");
    expect(afterFailure("transient", 3, start, start, true, at("2030-03-01T09:59:59Z"), policy, () => 0.9)).toEqual({ kind: "give_up", failure: "expired" });
    expect(isExpired(start, true, start)).toBe(true);
    expect(isExpired(start, false, start)).toBe(false);
    expect(isExpired(null, true, start)).toBe(false);
  });

  it("says why a delivery gave up, with the server's last answer", () => {
    expect(giveUpReason("permanent", "RCPT TO answered 550 5.1.1 no such user", policy)).toBe("RCPT TO answered 550 5.1.1 no such user");
    expect(giveUpReason("transient", "451 try later", policy)).toBe("gave up after retrying for 24 h: 451 try later");
    expect(giveUpReason("expired", null, policy)).toMatch(/time had passed/);
    expect(giveUpReason("lease", null, policy)).toMatch(/5 relays lost it/);
  });
});
