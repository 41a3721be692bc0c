"use client";

import { useActionState, useRef } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { InputField } from "./fields";
import { FormStatus, PendingButton, useFocusAfterRefusal } from "./form-status";
import { initialSettingsFormState, valueOf, type SettingsFormState } from "./settings-form-state";

type Action = (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;

/**
 * Time off for one stylist in the salon's calendar: whole days, first to last inclusive, or with
 * a from and an until time, part of one day (an appointment, a half day).
 */
export function AddTimeOffForm({ action, stylistId, today }: { action: Action; stylistId: string; today: string }) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  const errors = state.fieldErrors ?? {};
  const v = (name: string) => valueOf(state, name, "");

  return (
    <form ref={formRef} action={formAction} noValidate aria-labelledby="time-off-form-heading" className="space-y-4">
      <input type="hidden" name="stylistId" value={stylistId} />
      <FormStatus state={state} fieldNames={["startDate", "endDate", "startTime", "endTime", "reason"]} idPrefix="time-off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <InputField
          key={`start:${v("startDate")}`}
          id="time-off-start"
          name="startDate"
          label="First day off"
          type="date"
          min={today}
          maxLength={10}
          defaultValue={v("startDate")}
          errors={errors.startDate}
        />
        <InputField
          key={`end:${v("endDate")}`}
          id="time-off-end"
          name="endDate"
          label="Last day off"
          type="date"
          min={today}
          maxLength={10}
          defaultValue={v("endDate")}
          errors={errors.endDate}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="font-medium text-stone-900">Part of a day only</legend>
        <p className="text-sm text-stone-600">Leave both empty for whole days. With times, the first and last day must be the same.</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <InputField
            key={`from:${v("startTime")}`}
            id="time-off-from"
            name="startTime"
            label="From"
            required={false}
            inputMode="numeric"
            maxLength={5}
            placeholder="13:00"
            defaultValue={v("startTime")}
            errors={errors.startTime}
          />
          <InputField
            key={`until:${v("endTime")}`}
            id="time-off-until"
            name="endTime"
            label="Until"
            required={false}
            inputMode="numeric"
            maxLength={5}
            placeholder="17:00"
            defaultValue={v("endTime")}
            errors={errors.endTime}
          />
        </div>
      </fieldset>
      <TextField key={`reason:${v("reason")}`} id="time-off-reason" name="reason" label="Reason" maxLength={200} defaultValue={v("reason")} errors={errors.reason} />
      <SubmitButton pendingLabel="Adding…">Add time off</SubmitButton>
    </form>
  );
}

/** Gives days off back. */
export function RemoveTimeOffForm({ action, timeOffId, label }: { action: Action; timeOffId: string; label: string }) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  return (
    <form action={formAction} aria-label={`Remove time off ${label}`} className="space-y-2">
      <input type="hidden" name="timeOffId" value={timeOffId} />
      <FormStatus state={state} fieldNames={[]} idPrefix={`time-off-${timeOffId}`} />
      <PendingButton pendingLabel="Removing…">
        Remove<span className="sr-only"> time off {label}</span>
      </PendingButton>
    </form>
  );
}
