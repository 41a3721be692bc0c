// The customer's confirmation says what the booking page said: price, the salon's policy and
// phone, times on the salon's clock, one duration format.
import { describe, expect, it } from "vitest";
import { mailTestPayload } from "@/lib/testing/mail-payload";
import { renderCustomerEmail } from "./customer-email";

const event = { id: 7, eventType: "booking.created", payload: mailTestPayload, createdAt: new Date("2030-06-01T00:00:00Z") };
const base = { from: "Salon <s@salon.test>", messageIdDomain: "salon.test", manageUrl: "https://salon.test/b/token" };

describe("the customer's confirmation email", () => {
  it("carries the price, the policy with the salon's phone, and a US salon's 12-hour times", () => {
    const mail = renderCustomerEmail(event, { ...base, cutoffMinutes: 120, contactPhone: "+1 415 555 0100", currency: "USD", locale: "en-US" });
    const text = String(mail.text);
    expect(text).toContain("Price: $90.00");
    expect(text).toContain("Service: Colour \"deluxe\" (1 h)");
    expect(text).toContain("When: Monday, July 1, 2030, 9:00 AM–10:00 AM (America/Los_Angeles, PDT)");
    expect(text).toContain("Salon phone: +1 415 555 0100");
    expect(text).toContain("Changes are possible online until 2 hours before the appointment; after that, call the salon on +1 415 555 0100.");
    expect(String(mail.subject)).toContain("Mon, Jul 1, 2030, 9:00 AM");
    expect(String(mail.html)).toContain("$90.00");
  });

  it("writes a euro salon's price with its decimal comma, and says 'contact the salon' without a phone", () => {
    const text = String(renderCustomerEmail(event, { ...base, cutoffMinutes: 60, contactPhone: "", currency: "EUR", locale: "de-DE" }).text);
    expect(text).toContain("Price: 90,00\u00a0€");
    expect(text).toContain("after that, contact the salon.");
    expect(text).not.toContain("Salon phone");
    expect(text).toContain("When: Monday 1 July 2030, 09:00–10:00");
  });
});
