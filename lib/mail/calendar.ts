// A booking invitation: one VEVENT in a VCALENDAR, written by ical-generator. The text is the same
// as `ical({ prodId, method }).createEvent(data)` then `calendar.toString()` would give, but
// cheaper per mail: ical-generator folds the whole calendar with a new TextEncoder per character
// (40% of a mail's rendering time), so only the event is folded here, by UTF-8 byte count in one
// pass, and the calendar's own lines, the same for every mail, are written once per process.
import ical, { ICalCalendar, ICalCalendarMethod, ICalEvent, type ICalEventData } from "ical-generator";

const END = "END:VCALENDAR";
const HIGH_SURROGATE = /[\ud800-\udbff]/;

interface CalendarFrame {
  calendar: ICalCalendar;
  /** ical-generator's calendar lines up to the events, folded. */
  head: string;
}

const frames = new Map<string, CalendarFrame>();

function frameFor(product: string, method: ICalCalendarMethod): CalendarFrame {
  const key = `${product}\n${method}`;
  let frame = frames.get(key);
  if (!frame) {
    // Never given an event: it is only the events' parent (their DTSTAMP reads its time zone).
    const calendar = ical({ prodId: { company: "salon-booking", product }, method });
    const empty = calendar.toString();
    if (!empty.endsWith(END)) throw new Error("unexpected ical-generator calendar layout");
    frame = { calendar, head: empty.slice(0, -END.length) };
    frames.set(key, frame);
  }
  return frame;
}

/** The .ics text of one event under `-//salon-booking//<product>//EN` with the given METHOD. */
export function renderInvitation(product: string, method: ICalCalendarMethod, event: ICalEventData): string {
  const { calendar, head } = frameFor(product, method);
  return head + foldIcsLines(new ICalEvent(event, calendar).toString()) + END;
}

/**
 * A name as an iCalendar parameter value (ORGANIZER's and ATTENDEE's CN). RFC 5545 allows no
 * DQUOTE or control character in a parameter value at all; ical-generator wrote `"` as `\"`, which
 * makes the whole line invalid (node-ical, for one, drops it). `;` is valid inside the quotes
 * ical-generator puts around a CN, but parsers split on it all the same (node-ical does), so it
 * becomes a comma. The name itself, unchanged, is in the event's SUMMARY or DESCRIPTION, which are
 * TEXT values with escaping of their own.
 */
export function calendarParamText(name: string): string {
  return /["\u0000-\u001f\u007f;]/.test(name) ? name.replace(/"/g, "'").replace(/;/g, ",").replace(/[\u0000-\u001f\u007f]/g, " ") : name;
}

/**
 * RFC 5545 line folding exactly as ical-generator's foldLines: a CRLF and a space before the
 * character that would take a line past 74 UTF-8 bytes (a surrogate pair counts as one character,
 * an unpaired surrogate as the 3 bytes of U+FFFD). Short lines, nearly all of them, are left as is.
 */
export function foldIcsLines(input: string): string {
  const lines = input.split("\r\n");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    // A high surrogate followed by anything but a low one counts more than its UTF-8 bytes there.
    if (Buffer.byteLength(line) > 74 || HIGH_SURROGATE.test(line)) lines[n] = foldLine(line);
  }
  return lines.join("\r\n");
}

function foldLine(line: string): string {
  let result = "";
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < line.length; ) {
    const from = i;
    const code = line.charCodeAt(i++);
    let size: number;
    if (code < 0x80) size = 1;
    else if (code < 0x800) size = 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      // As ical-generator: a high surrogate takes the next code unit with it, whatever it is.
      const next = i < line.length ? line.charCodeAt(i++) : -1;
      size = next >= 0xdc00 && next <= 0xdfff ? 4 : 3 + (next < 0 ? 0 : next < 0x80 ? 1 : next < 0x800 ? 2 : 3);
    } else size = 3;
    bytes += size;
    if (bytes > 74) {
      result += line.slice(start, from) + "\r\n ";
      start = from;
      bytes = size;
    }
  }
  return result + line.slice(start);
}
