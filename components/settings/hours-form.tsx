"use client";

import { useActionState, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { focusRing } from "@/components/ui/styles";
import { InputField } from "./fields";
import { FormStatus, useFocusAfterRefusal } from "./form-status";
import { initialSettingsFormState, valueOf, WEEKDAY_NAMES, type SettingsFormState } from "./settings-form-state";

type HoursSource = "salon" | "own";

/**
 * Stretches for one or more weekdays, of the salon's opening hours or of one stylist. Each chosen
 * day gets exactly these stretches (a lunch break is the gap between two); leaving every row empty
 * closes the salon, or makes them the stylist's days off. A stylist's days may instead follow the
 * salon's opening hours (`source`), and then take no stretches.
 */
export function HoursForm({
  action,
  target,
  subject,
  source,
  weekday,
  saved,
  rows,
  zoneName,
}: {
  action: (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;
  /** Whose hours: the hidden field the action reads. */
  target: { field: "salonId" | "stylistId"; id: string };
  /** Who works them, as the help text names them: "the salon", "Priya". */
  subject: string;
  /** A stylist's form: where the edited day's hours come from now. Absent on the salon's form. */
  source?: HoursSource;
  /** The day being edited (ISO 1–7): checked to begin with. */
  weekday: number;
  /** That day's stretches as saved, HH:MM. */
  saved: { start: string; end: string }[];
  /** How many stretch rows to offer. */
  rows: number;
  zoneName: string;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  const errors = state.fieldErrors ?? {};
  const typedDays = state.values?.weekdays;
  const checkedDays = Array.isArray(typedDays) ? typedDays.map(Number) : [weekday];
  const stretchFields = Array.from({ length: rows }, (_, i) => [`stretches.${i}.start`, `stretches.${i}.end`]).flat();
  const daysErrorId = errors.weekdays?.length ? "hours-days-error" : undefined;
  const typedSource = state.values?.source;
  const [chosenSource, setChosenSource] = useState<HoursSource | undefined>(
    source && (typedSource === "salon" || typedSource === "own" ? typedSource : source),
  );
  const forSalon = target.field === "salonId";

  return (
    <form ref={formRef} action={formAction} noValidate aria-labelledby="hours-form-heading" className="space-y-5">
      <input type="hidden" name={target.field} value={target.id} />
      <FormStatus state={state} fieldNames={["weekdays", ...stretchFields]} idPrefix="hours" />
      <fieldset aria-describedby={daysErrorId}>
        <legend className="font-medium">Days to set</legend>
        <p className="text-sm text-stone-600">Every day ticked gets the same hours for {subject}.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          {WEEKDAY_NAMES.map((day, i) => (
            <label
              key={`${day}:${checkedDays.join()}`}
              className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 has-checked:border-teal-700 has-checked:bg-teal-50"
            >
              <input
                type="checkbox"
                name="weekdays"
                value={i + 1}
                defaultChecked={checkedDays.includes(i + 1)}
                aria-invalid={daysErrorId ? true : undefined}
                className={`size-4 accent-teal-800 ${focusRing}`}
              />
              {day}
            </label>
          ))}
        </div>
        {daysErrorId && (
          <p id={daysErrorId} className="mt-1 text-sm font-medium text-red-800">
            {errors.weekdays!.join(" ")}
          </p>
        )}
      </fieldset>
      {chosenSource && (
        <fieldset>
          <legend className="font-medium">Hours on these days</legend>
          <div className="mt-2 flex flex-wrap gap-2">
            {(
              [
                ["salon", "The salon's opening hours"],
                ["own", "Own hours"],
              ] as const
            ).map(([value, label]) => (
              <label
                key={value}
                className="flex min-h-11 items-center gap-2 rounded-lg border border-stone-300 px-3 has-checked:border-teal-700 has-checked:bg-teal-50"
              >
                <input
                  type="radio"
                  name="source"
                  value={value}
                  checked={chosenSource === value}
                  onChange={() => setChosenSource(value)}
                  className={`size-4 accent-teal-800 ${focusRing}`}
                />
                {label}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {/* Days on the salon's hours take no stretches: the rows are disabled, so none is sent. */}
      <fieldset className="space-y-3 disabled:opacity-60" disabled={chosenSource === "salon"}>
        <legend className="font-medium">{forSalon ? "Opening stretches" : "Own working stretches"}</legend>
        <p className="text-sm text-stone-600">
          24-hour times in {zoneName}, e.g. 09:00 to 12:30 and 13:30 to 18:00. Leave a row empty to drop it; leave them all
          empty {forSalon ? "to close on those days" : "for a day off"}.
        </p>
        {Array.from({ length: rows }, (_, i) => {
          const start = valueOf(state, `stretches.${i}.start`, saved[i]?.start ?? "");
          const end = valueOf(state, `stretches.${i}.end`, saved[i]?.end ?? "");
          return (
            <fieldset key={`${i}:${start}:${end}`} className="rounded-lg border border-stone-200 p-3">
              <legend className="px-1 text-sm font-medium">Stretch {i + 1}</legend>
              <div className="grid grid-cols-2 gap-3 sm:max-w-md">
                <InputField
                  id={`stretch-${i}-start`}
                  name={`stretches.${i}.start`}
                  label="Start"
                  required={false}
                  hideOptional
                  maxLength={5}
                  placeholder="09:00"
                  defaultValue={start}
                  errors={errors[`stretches.${i}.start`]}
                />
                <InputField
                  id={`stretch-${i}-end`}
                  name={`stretches.${i}.end`}
                  label="End"
                  required={false}
                  hideOptional
                  maxLength={5}
                  placeholder="17:00"
                  defaultValue={end}
                  errors={errors[`stretches.${i}.end`]}
                />
              </div>
            </fieldset>
          );
        })}
      </fieldset>
      <SubmitButton pendingLabel="Saving…">{forSalon ? "Save opening hours" : "Save hours"}</SubmitButton>
    </form>
  );
}
