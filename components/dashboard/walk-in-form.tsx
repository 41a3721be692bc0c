"use client";

import { useActionState } from "react";
import { FormStatus } from "@/components/settings/form-status";
import { initialSettingsFormState, valueOf, type SettingsFormState } from "@/components/settings/settings-form-state";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { inputBase } from "@/components/ui/styles";

type Action = (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;

export interface WalkInFormProps {
  action: Action;
  salonId: string;
  /** Minted when the page rendered: sending the form twice makes one booking. */
  idempotencyKey: string;
  /** Each service with its label, "Cut (1 h)": written on the server (formatDuration). */
  services: { id: string; label: string }[];
  stylists: { id: string; name: string }[];
  date: string;
  time: string;
  stylistId?: string;
}

const FIELD_NAMES = ["serviceId", "stylistId", "date", "time", "name", "email", "phone", "note"];

function Choice({ id, name, label, options, defaultValue, errors }: {
  id: string;
  name: string;
  label: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  errors?: string[];
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-stone-900">
        {label}
      </label>
      <select
        id={id}
        name={name}
        required
        defaultValue={defaultValue}
        aria-describedby={errorId}
        aria-invalid={errorId ? true : undefined}
        className={`${inputBase} ${errorId ? "border-red-700" : "border-stone-300"}`}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}

function DateTimeField({ id, name, label, type, defaultValue, errors }: {
  id: string;
  name: string;
  label: string;
  type: "date" | "time";
  defaultValue: string;
  errors?: string[];
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div>
      <label htmlFor={id} className="block font-medium text-stone-900">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        required
        step={type === "time" ? 300 : undefined}
        defaultValue={defaultValue}
        aria-describedby={errorId}
        aria-invalid={errorId ? true : undefined}
        className={`${inputBase} ${errorId ? "border-red-700" : "border-stone-300"}`}
      />
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {errors!.join(" ")}
        </p>
      )}
    </div>
  );
}

/** A walk-in or phone booking: service, stylist, day and time in the salon's zone, and who it is for. */
export function WalkInForm({ action, salonId, idempotencyKey, services, stylists, date, time, stylistId }: WalkInFormProps) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={formAction} className="space-y-4" noValidate>
      <FormStatus state={state} fieldNames={FIELD_NAMES} idPrefix="walk-in" />
      <input type="hidden" name="salonId" value={salonId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Choice
          id="walk-in-service"
          name="serviceId"
          label="Service"
          options={services.map((s) => ({ value: s.id, label: s.label }))}
          defaultValue={valueOf(state, "serviceId", services[0]?.id ?? "")}
          errors={errors.serviceId}
        />
        <Choice
          id="walk-in-stylist"
          name="stylistId"
          label="Stylist"
          options={stylists.map((s) => ({ value: s.id, label: s.name }))}
          defaultValue={valueOf(state, "stylistId", stylistId ?? stylists[0]?.id ?? "")}
          errors={errors.stylistId}
        />
        <DateTimeField id="walk-in-date" name="date" label="Date" type="date" defaultValue={valueOf(state, "date", date)} errors={errors.date} />
        <DateTimeField id="walk-in-time" name="time" label="Start time" type="time" defaultValue={valueOf(state, "time", time)} errors={errors.time} />
      </div>
      <TextField id="walk-in-name" name="name" label="Customer name" required maxLength={120} autoComplete="off" defaultValue={valueOf(state, "name", "")} errors={errors.name} />
      <TextField
        id="walk-in-email"
        name="email"
        label="Email"
        type="email"
        maxLength={254}
        autoComplete="off"
        hint="With an email the customer gets a confirmation and a link to change it; without one, nobody is emailed."
        defaultValue={valueOf(state, "email", "")}
        errors={errors.email}
      />
      <TextField id="walk-in-phone" name="phone" label="Phone" type="tel" maxLength={40} autoComplete="off" defaultValue={valueOf(state, "phone", "")} errors={errors.phone} />
      <TextField id="walk-in-note" name="note" label="Note" multiline maxLength={1000} defaultValue={valueOf(state, "note", "")} errors={errors.note} />
      <SubmitButton pendingLabel="Booking…">Add booking</SubmitButton>
    </form>
  );
}
