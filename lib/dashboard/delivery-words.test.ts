import { describe, expect, it } from "vitest";
import { channelHeading, channelNoun, channelTitle, givenUpReason, maskAddress, waitingReason } from "./delivery-words";

describe("delivery problems in an owner's words", () => {
  it("names channels as messages to people", () => {
    expect(channelNoun("customer-email", 2)).toBe("emails to customers");
    expect(channelNoun("owner-email")).toBe("email to you");
    expect(channelHeading("dashboard")).toBe("Dashboard updates");
    expect(channelTitle("customer-email")).toBe("Email to a customer");
  });

  it("says why messages wait, from the last error", () => {
    expect(waitingReason("ECONNREFUSED connect ECONNREFUSED 127.0.0.1:25")).toBe("the mail server cannot be reached");
    expect(waitingReason("no answer from the mail server within 30000 ms (acceptance unknown)")).toBe("the mail server is not answering");
    expect(waitingReason("RCPT TO answered 451 4.3.0 try again later")).toBe("the mail server asked us to try again later");
    expect(waitingReason(null)).toBe("they will go out shortly");
  });

  it("says why a message gave up", () => {
    expect(givenUpReason("permanent", "RCPT TO answered 550 5.1.1 no such user")).toBe("address rejected by the mail server");
    expect(givenUpReason("permanent", "not a deliverable address: \"x\"")).toBe("not a valid email address");
    expect(givenUpReason("expired", null)).toMatch(/appointment had already started/);
    expect(givenUpReason("transient", "gave up after retrying for 24 h: 451")).toMatch(/even after a day of retries/);
  });

  it("shows an address without spelling it out", () => {
    expect(maskAddress("jo@example.test")).toBe("jo@…");
    expect(maskAddress("jonathan@example.test")).toBe("jon…@…");
    expect(maskAddress(undefined)).toBeUndefined();
    expect(maskAddress("nonsense")).toBeUndefined();
  });
});
