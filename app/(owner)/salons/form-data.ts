import { MAX_ACKNOWLEDGED_BOOKINGS, MAX_STRETCHES_PER_DAY } from "@/lib/salons/settings/schemas";

// Reading settings forms: every value is a capped string (a File or a huge paste never reaches
// the schemas), and what was typed is kept to refill the form after a refusal.

const MAX_FIELD_CHARS = 1_000;

export function formText(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value.slice(0, MAX_FIELD_CHARS) : "";
}

/** The named fields as typed. */
export function formValues<const N extends string>(formData: FormData, names: readonly N[]): Record<N, string> {
  return Object.fromEntries(names.map((name) => [name, formText(formData, name)])) as Record<N, string>;
}

/** The bookings listed by a refusal, if the owner ticked "keep these bookings anyway". */
export function keptBookingIds(formData: FormData): string[] {
  if (formData.get("keepBookings") !== "yes") return [];
  return formData
    .getAll("keepBookingIds")
    .filter((v): v is string => typeof v === "string")
    .slice(0, MAX_ACKNOWLEDGED_BOOKINGS + 1)
    .map((v) => v.slice(0, 64));
}

/**
 * The hours form's stretch rows. Empty rows are dropped before validation; `rowOf` maps a
 * stretch's index back to its row, so an error lands next to the row the owner typed it in.
 */
export function stretchesFromForm(formData: FormData) {
  const stretches: { start: string; end: string }[] = [];
  const rowOf: number[] = [];
  const values: Record<string, string> = {};
  for (let row = 0; row < MAX_STRETCHES_PER_DAY; row++) {
    const start = formText(formData, `stretches.${row}.start`).slice(0, 20);
    const end = formText(formData, `stretches.${row}.end`).slice(0, 20);
    values[`stretches.${row}.start`] = start;
    values[`stretches.${row}.end`] = end;
    if (start.trim() === "" && end.trim() === "") continue;
    stretches.push({ start, end });
    rowOf.push(row);
  }
  return { stretches, rowOf, values };
}

/** Field errors on "stretches.<index>.x" moved to "stretches.<row>.x". */
export function errorsByRow(fieldErrors: Record<string, string[]>, rowOf: number[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(fieldErrors)) {
    const match = /^stretches\.(\d+)\.(start|end)$/.exec(key);
    const mapped = match ? `stretches.${rowOf[Number(match[1])] ?? match[1]}.${match[2]}` : key;
    (out[mapped] ??= []).push(...messages);
  }
  return out;
}

export function weekdaysFromForm(formData: FormData): string[] {
  return formData
    .getAll("weekdays")
    .filter((v): v is string => typeof v === "string")
    .slice(0, 7)
    .map((v) => v.slice(0, 2));
}
