import { z } from "zod";

// What people may type into a text field. A one-line field (a name, an address, a reason) refuses
// characters that are not text: C0 and C1 controls (NUL, CR, LF, ESC, …), DEL, Unicode's line and
// paragraph separators, the bidirectional embeddings, overrides and isolates that make
// "exe.gnp" read as "png.exe", and lone UTF-16 surrogates (not encodable as UTF-8). A note keeps
// its line breaks (as \n) and its tabs (as spaces) and silently loses the rest.

// U+0000–U+001F, U+007F–U+009F, U+2028–U+2029, U+202A–U+202E, U+2066–U+2069, unpaired surrogates.
// With the u flag a surrogate pair is one code point, so [\ud800-\udfff] matches lone halves only.
const NOT_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
const NOT_IN_NOTE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/gu;

/** True when the text has no control, separator, bidi-control or lone-surrogate character. */
export function isOneLineText(value: string): boolean {
  return !NOT_ONE_LINE.test(value);
}

/** A note's text: line breaks as \n, tabs as spaces, every other control and bidi control removed. */
export function cleanMultilineText(value: string): string {
  return value
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/\t/g, " ")
    .replace(NOT_IN_NOTE, "");
}

/** The field error for a one-line field that holds a control character. */
export function oneLineMessage(label: string): string {
  return `${label} must be a single line of plain text: no line breaks, tabs or control characters`;
}

/** A trimmed one-line field of at most `max` characters; `min` 1 makes it required. */
export function oneLineText(label: string, { min = 0, max, required }: { min?: number; max: number; required?: string }) {
  let schema = z.string({ message: required ?? `Please enter ${label.toLowerCase()}` }).trim();
  if (min > 0) schema = schema.min(min, required ?? `Please enter ${label.toLowerCase()}`);
  return schema.max(max, `${label} must be at most ${max} characters`).refine(isOneLineText, oneLineMessage(label));
}

/**
 * A value shown inside one line of a plain-text email or an iCalendar text: any control or bidi
 * control (from data saved before these checks existed) becomes a space, so no value can start
 * a line of its own.
 */
export function oneLineForDisplay(value: string): string {
  return isOneLineText(value) ? value : value.replace(new RegExp(NOT_ONE_LINE.source, "gu"), " ");
}
