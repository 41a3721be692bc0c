import { z } from "zod";
import { MAX_REMINDER_OFFSET_MINUTES, MIN_REMINDER_OFFSET_MINUTES } from "@/lib/booking/reminders";
import { uuidSchema } from "@/lib/booking/schemas";

// A salon's reminders and day sheet, as the settings form sends them: for each of two reminders a
// choice (none, a preset, or custom) and, when custom, an amount in hours (decimals allowed) or
// minutes; the day sheet on or off and its local time. Parsed into the salon's columns.

export const REMINDER_CHOICES = ["none", "1440", "120", "custom"] as const;
export const REMINDER_UNITS = ["hours", "minutes"] as const;

// A form sends "" for a field it did not show (the unit of a reminder that is not custom).
const blankAsMissing = (v: unknown) => (v === "" ? undefined : v);
const choice = z.preprocess(blankAsMissing, z.enum(REMINDER_CHOICES, { message: "Please choose when to remind" }).default("none"));
const unit = z.preprocess(blankAsMissing, z.enum(REMINDER_UNITS, { message: "Please choose hours or minutes" }).default("hours"));
const amount = z.string().trim().max(12, "Please enter a shorter number").default("");
const flag = z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean());

export const reminderSettingsSchema = z
  .object({
    salonId: uuidSchema,
    reminder1: choice,
    reminder1Amount: amount,
    reminder1Unit: unit,
    reminder2: choice,
    reminder2Amount: amount,
    reminder2Unit: unit,
    daySheet: flag,
    daySheetTime: z.string().trim().max(8).default(""),
  })
  .transform((input, ctx) => {
    const offsets: number[] = [];
    for (const n of [1, 2] as const) {
      const picked = input[`reminder${n}`];
      if (picked === "none") continue;
      if (picked !== "custom") {
        offsets.push(Number(picked));
        continue;
      }
      const minutes = customMinutes(input[`reminder${n}Amount`], input[`reminder${n}Unit`]);
      if (minutes === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [`reminder${n}Amount`],
          message: `Enter how long before, from ${MIN_REMINDER_OFFSET_MINUTES} minutes to ${MAX_REMINDER_OFFSET_MINUTES / 1440} days (e.g. 3 hours, 1.5 hours or 45 minutes)`,
        });
        continue;
      }
      offsets.push(minutes);
    }
    if (offsets.length === 2 && offsets[0] === offsets[1]) {
      ctx.addIssue({ code: "custom", path: ["reminder2"], message: "The second reminder must be at another time than the first" });
    }
    let daySheetTime: string | null = null;
    if (input.daySheet) {
      const match = /^([01]\d|2[0-3]):([0-5]\d)(:00)?$/.exec(input.daySheetTime);
      if (!match) ctx.addIssue({ code: "custom", path: ["daySheetTime"], message: "Enter a time such as 07:00" });
      else daySheetTime = `${match[1]}:${match[2]}`;
    }
    return { salonId: input.salonId, reminderOffsetsMinutes: offsets, daySheetTime };
  });
export type ReminderSettingsInput = z.input<typeof reminderSettingsSchema>;

/** "1.5" hours → 90; "45" minutes → 45; undefined when not a number in range (whole minutes). */
function customMinutes(amount: string, unit: (typeof REMINDER_UNITS)[number]): number | undefined {
  if (!/^\d{1,5}(\.\d{1,4})?$/.test(amount)) return undefined;
  const minutes = unit === "hours" ? Math.round(Number(amount) * 60) : Number(amount);
  if (!Number.isInteger(minutes) || minutes < MIN_REMINDER_OFFSET_MINUTES || minutes > MAX_REMINDER_OFFSET_MINUTES) return undefined;
  return minutes;
}

/** The form's fields for saved offsets: presets as themselves, others as custom hours or minutes. */
export function reminderFormValues(offsetsMinutes: readonly number[], daySheetTime: string | null): Record<string, string> {
  const values: Record<string, string> = { daySheet: daySheetTime ? "on" : "", daySheetTime: (daySheetTime ?? "07:00").slice(0, 5) };
  for (const n of [1, 2]) {
    const offset = offsetsMinutes[n - 1];
    const preset = offset === 1440 || offset === 120;
    values[`reminder${n}`] = offset === undefined ? "none" : preset ? String(offset) : "custom";
    values[`reminder${n}Amount`] = offset === undefined || preset ? "" : offset % 60 === 0 ? String(offset / 60) : String(offset);
    values[`reminder${n}Unit`] = offset !== undefined && !preset && offset % 60 !== 0 ? "minutes" : "hours";
  }
  return values;
}
