// The invitation text must be exactly what ical-generator's own calendar.toString() writes: the
// cheaper folding and the once-per-process calendar lines are an implementation detail.
import ical, { foldLines, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus, type ICalEventData } from "ical-generator";
import { describe, expect, it } from "vitest";
import { foldIcsLines, renderInvitation } from "./calendar";

const viaCalendar = (product: string, method: ICalCalendarMethod, data: ICalEventData) => {
  const calendar = ical({ prodId: { company: "salon-booking", product }, method });
  calendar.createEvent(data);
  return calendar.toString();
};

const event = (name: string, method: ICalCalendarMethod): ICalEventData => ({
  id: "7d1f7c1e-4a43-4a8e-9d6c-0f7e0b0a1c2d@salon-booking",
  sequence: 3,
  stamp: new Date("2030-06-01T00:00:00Z"),
  start: new Date("2030-07-01T16:00:00Z"),
  end: new Date("2030-07-01T17:00:00Z"),
  summary: `Colour – ${name}`,
  description: `${name} <sam@example.test> · Rosa · BK-7Q2M`,
  location: `${name}, 1 Valencia St; Suite 2\nSan Francisco`,
  organizer: { name, email: "bookings@salon.test" },
  attendees: [{ name, email: "sam@example.test", role: ICalAttendeeRole.REQ, status: ICalAttendeeStatus.ACCEPTED }],
  status: method === ICalCalendarMethod.CANCEL ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
});

describe("renderInvitation", () => {
  it.each([
    ["Sam", ICalCalendarMethod.REQUEST],
    ["Mission & \"Mane\", Ünïcødé Häär", ICalCalendarMethod.CANCEL],
    ["💇‍♀️ Salon with a name long enough to be folded more than once by the iCalendar writer, twice even", ICalCalendarMethod.REQUEST],
  ])("writes the same text as ical-generator's calendar for %s", (name, method) => {
    const text = renderInvitation("owner-mail", method, event(name, method));
    expect(text).toBe(viaCalendar("owner-mail", method, event(name, method)));
    expect(text).toContain(`METHOD:${method}`);
    expect(text).toContain("PRODID:-//salon-booking//owner-mail//EN");
  });

  it("keeps each product's and method's calendar lines apart", () => {
    const request = renderInvitation("customer-mail", ICalCalendarMethod.REQUEST, event("Al", ICalCalendarMethod.REQUEST));
    const cancel = renderInvitation("customer-mail", ICalCalendarMethod.CANCEL, event("Al", ICalCalendarMethod.CANCEL));
    expect(request).toContain("PRODID:-//salon-booking//customer-mail//EN\r\nMETHOD:REQUEST\r\n");
    expect(cancel).toContain("PRODID:-//salon-booking//customer-mail//EN\r\nMETHOD:CANCEL\r\n");
  });
});

describe("foldIcsLines", () => {
  it("folds as ical-generator does at 74 UTF-8 bytes, multi-byte and astral characters included", () => {
    const samples = [
      "",
      "SUMMARY:short",
      `DESCRIPTION:${"a".repeat(62)}`, // exactly 74 bytes: not folded
      `DESCRIPTION:${"a".repeat(63)}`, // 75 bytes: folded
      `SUMMARY:${"é".repeat(80)}`,
      `SUMMARY:${"–".repeat(40)}`,
      `SUMMARY:${"😀".repeat(40)}`,
      `SUMMARY:${"a".repeat(65)}😀😀`,
      `A:${"x".repeat(70)}\r\nB:${"ü".repeat(70)}\r\nC:ok`,
      // Unpaired surrogates, which ical-generator counts in its own way.
      `X:${"\ud800a".repeat(30)}`,
      `X:${"\udc00".repeat(30)}`,
      `X:${"\ud800\ud801\udc00".repeat(20)}`,
      `X:${"b".repeat(72)}\ud800`,
    ];
    for (const sample of samples) expect(foldIcsLines(sample)).toBe(foldLines(sample));
  });

  it("agrees with ical-generator on random text of every UTF-8 width", () => {
    const alphabet = ["a", " ", ";", "é", "ß", "–", "€", "中", "😀", "💇‍♀️", "\ud800", "\udc00"];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 500; n++) {
      const length = Math.floor(random() * 200);
      let line = "DESCRIPTION:";
      for (let i = 0; i < length; i++) line += alphabet[Math.floor(random() * alphabet.length)];
      expect(foldIcsLines(line)).toBe(foldLines(line));
    }
  });
});
