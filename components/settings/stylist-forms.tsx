"use client";

import { useActionState, useRef } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { FormStatus, useFocusAfterRefusal } from "./form-status";
import { initialSettingsFormState, valueOf, type SettingsFormState } from "./settings-form-state";

/** Adds a stylist (hidden salonId) or renames one (hidden stylistId). */
export function StylistNameForm({
  action,
  idPrefix,
  hidden,
  saved,
  label,
  submitLabel,
}: {
  action: (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;
  idPrefix: string;
  hidden: { salonId: string } | { stylistId: string };
  saved: string;
  /** The form's accessible name, e.g. "Add a stylist" or "Rename Priya". */
  label: string;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  const name = valueOf(state, "name", saved);

  return (
    <form ref={formRef} action={formAction} noValidate aria-label={label} className="space-y-3">
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <FormStatus state={state} fieldNames={["name"]} idPrefix={idPrefix} />
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-56 flex-1">
          <TextField
            key={`name:${name}`}
            id={`${idPrefix}-name`}
            name="name"
            label="Stylist name"
            required
            maxLength={80}
            defaultValue={name}
            errors={state.fieldErrors?.name}
          />
        </div>
        <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
      </div>
    </form>
  );
}
