"use client";

import { useActionState, useRef, useState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { InputField, SelectField } from "./fields";
import { FormStatus, useFocusAfterRefusal } from "./form-status";
import { initialSettingsFormState, valueOf, type SettingsFormState } from "./settings-form-state";

const CHOICES = ["none", "1440", "120", "custom"] as const;
const CHOICE_LABELS = { none: "No reminder", "1440": "24 hours before (the day before, same time)", "120": "2 hours before", custom: "Custom…" };
const UNITS = ["hours", "minutes"] as const;
const UNIT_LABELS = { hours: "hours before", minutes: "minutes before" };
const FIELDS = ["reminder1", "reminder1Amount", "reminder1Unit", "reminder2", "reminder2Amount", "reminder2Unit", "daySheet", "daySheetTime"];

/** When a salon reminds its customers (none, one or two reminders) and when its owner gets the day sheet. */
export function ReminderSettingsForm({
  action,
  saved,
  salonId,
  timeZone,
  headingId,
}: {
  action: (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;
  saved: Record<string, string>;
  salonId: string;
  timeZone: string;
  headingId: string;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  const errors = state.fieldErrors ?? {};
  const v = (name: string) => valueOf(state, name, saved[name] ?? "");
  const k = (name: string) => `${name}:${v(name)}`;
  const [choices, setChoices] = useState<Record<string, string>>({ reminder1: v("reminder1"), reminder2: v("reminder2") });
  const [daySheet, setDaySheet] = useState(v("daySheet") === "on");

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby={headingId}>
      <input type="hidden" name="salonId" value={salonId} />
      <FormStatus state={state} fieldNames={FIELDS} idPrefix="reminders" />
      {(["1", "2"] as const).map((n) => (
        <fieldset key={n} className="space-y-3" onChange={(e) => {
          const target = e.target as unknown as HTMLSelectElement;
          if (target.name === `reminder${n}`) setChoices((c) => ({ ...c, [`reminder${n}`]: target.value }));
        }}>
          <legend className="text-base font-semibold">{n === "1" ? "First reminder" : "Second reminder"}</legend>
          <SelectField
            key={k(`reminder${n}`)}
            id={`reminder${n}`}
            name={`reminder${n}`}
            label="When"
            options={CHOICES}
            labels={CHOICE_LABELS}
            defaultValue={v(`reminder${n}`)}
            errors={errors[`reminder${n}`]}
          />
          {choices[`reminder${n}`] === "custom" && (
            <div className="grid gap-3 sm:grid-cols-2">
              <InputField
                key={k(`reminder${n}Amount`)}
                id={`reminder${n}-amount`}
                name={`reminder${n}Amount`}
                label="How long before"
                inputMode="decimal"
                maxLength={12}
                defaultValue={v(`reminder${n}Amount`)}
                hint="Hours may have decimals (1.5); at least 5 minutes, at most 14 days."
                errors={errors[`reminder${n}Amount`]}
              />
              <SelectField
                key={k(`reminder${n}Unit`)}
                id={`reminder${n}-unit`}
                name={`reminder${n}Unit`}
                label="Unit"
                options={UNITS}
                labels={UNIT_LABELS}
                defaultValue={v(`reminder${n}Unit`) || "hours"}
                errors={errors[`reminder${n}Unit`]}
              />
            </div>
          )}
        </fieldset>
      ))}
      <fieldset className="space-y-3">
        <legend className="text-base font-semibold">Day sheet</legend>
        <div className="flex items-center gap-3">
          <input
            id="day-sheet"
            name="daySheet"
            type="checkbox"
            defaultChecked={daySheet}
            onChange={(e) => setDaySheet(e.target.checked)}
            className="h-5 w-5 rounded border-stone-400 accent-teal-800"
          />
          <label htmlFor="day-sheet" className="font-medium text-stone-900">
            Email me the day&apos;s bookings each morning
          </label>
        </div>
        {daySheet && (
          <InputField
            key={k("daySheetTime")}
            id="day-sheet-time"
            name="daySheetTime"
            label="Send it at"
            type="time"
            width="sm:w-40"
            maxLength={8}
            defaultValue={v("daySheetTime") || "07:00"}
            hint={`Salon time (${timeZone}), once a day, also on the days the clocks change.`}
            errors={errors.daySheetTime}
          />
        )}
      </fieldset>
      <SubmitButton pendingLabel="Saving…">Save reminders</SubmitButton>
    </form>
  );
}
