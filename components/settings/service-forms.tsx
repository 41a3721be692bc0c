"use client";

import { useActionState, useRef } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { InputField } from "./fields";
import { FormStatus, PendingButton, useFocusAfterRefusal } from "./form-status";
import { initialSettingsFormState, valueOf, type SettingsFormState } from "./settings-form-state";

type Action = (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;

export interface ServiceValues {
  name: string;
  durationMinutes: string;
  /** Decimal in the salon's currency with its locale's separator, e.g. "25.00" or "25,00". */
  price: string;
}

const FIELDS = ["name", "durationMinutes", "price"];

/** Adds a service (hidden salonId) or edits one (hidden serviceId): name, duration, price. */
export function ServiceForm({
  action,
  idPrefix,
  hidden,
  saved,
  currency,
  decimal,
  label,
  submitLabel,
}: {
  action: Action;
  /** Keeps ids unique when a page has one form per service. */
  idPrefix: string;
  hidden: { salonId: string } | { serviceId: string };
  saved: ServiceValues;
  currency: string;
  /** The salon locale's decimal separator, for the hint ("," or "."); either is accepted. */
  decimal: string;
  /** The form's accessible name, e.g. "Add a service" or "Edit Cut". */
  label: string;
  submitLabel: string;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  const errors = state.fieldErrors ?? {};
  const v = (name: keyof ServiceValues) => valueOf(state, name, saved[name]);

  return (
    <form ref={formRef} action={formAction} noValidate aria-label={label} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormStatus state={state} fieldNames={FIELDS} idPrefix={idPrefix} />
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr_1fr]">
        <TextField key={`name:${v("name")}`} id={`${idPrefix}-name`} name="name" label="Service name" required maxLength={120} defaultValue={v("name")} errors={errors.name} />
        <InputField
          key={`duration:${v("durationMinutes")}`}
          id={`${idPrefix}-duration`}
          name="durationMinutes"
          label="Duration (minutes)"
          inputMode="numeric"
          maxLength={3}
          defaultValue={v("durationMinutes")}
          hint="5 to 720"
          errors={errors.durationMinutes}
        />
        <InputField
          key={`price:${v("price")}`}
          id={`${idPrefix}-price`}
          name="price"
          label={`Price (${currency})`}
          inputMode="decimal"
          maxLength={10}
          defaultValue={v("price")}
          hint={`e.g. 25${decimal}00`}
          errors={errors.price}
        />
      </div>
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}

/**
 * Switches a service or stylist off (refused while it has future bookings, unless the owner keeps
 * them) or back on. `hidden` names the row: { serviceId } or { stylistId }.
 */
export function ActiveToggleForm({
  action,
  idPrefix,
  hidden,
  active,
  name,
}: {
  action: Action;
  idPrefix: string;
  hidden: Record<string, string>;
  active: boolean;
  /** What is switched, for the button's accessible name: "Cut", "Priya". */
  name: string;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  return (
    <form ref={formRef} action={formAction} aria-label={`${active ? "Switch off" : "Switch on"} ${name}`} className="space-y-3">
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <FormStatus state={state} fieldNames={[]} idPrefix={idPrefix} />
      <PendingButton pendingLabel={active ? "Switching off…" : "Switching on…"}>
        {active ? "Switch off" : "Switch on"}
        <span className="sr-only"> {name}</span>
      </PendingButton>
    </form>
  );
}
