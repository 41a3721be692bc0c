"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { focusRing, textLink } from "@/components/ui/styles";
import { TextField } from "@/components/ui/text-field";
import { CUSTOMER_FIELDS, initialBookingFormState, type BookingFormState } from "./booking-form-state";

export interface BookingFormProps {
  action: (state: BookingFormState, formData: FormData) => Promise<BookingFormState>;
  salonSlug: string;
  serviceId: string;
  /** Empty for "any stylist". */
  stylistId: string;
  start: string;
  /** Generated on the server when the page was rendered: a resubmission of this form books once. */
  idempotencyKey: string;
  /** Back to the salon's list of free times for that day. */
  changeTimeHref: string;
}

/** The customer's details for one chosen slot; the server action does the booking. */
export function BookingForm({
  action,
  salonSlug,
  serviceId,
  stylistId,
  start,
  idempotencyKey,
  changeTimeHref,
}: BookingFormProps) {
  const [state, formAction] = useActionState(action, initialBookingFormState);
  const formRef = useRef<HTMLFormElement>(null);
  const key = useRememberedKey(`booking-key:${salonSlug}:${serviceId}:${stylistId || "any"}:${start}`, idempotencyKey, state.idempotencyKey);
  const errors = state.fieldErrors ?? {};
  const values = state.values;

  // After a refused submission, put the keyboard on the first field that needs attention.
  useEffect(() => {
    if (state.status === "idle") return;
    const target = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], input[name="start"]:checked');
    target?.focus();
  }, [state]);

  const otherErrors = Object.entries(errors)
    .filter(([key]) => !Object.values(CUSTOMER_FIELDS).includes(key as never))
    .flatMap(([, messages]) => messages);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby="details-heading">
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="salon" value={salonSlug} />
      <input type="hidden" name="serviceId" value={serviceId} />
      <input type="hidden" name="stylistId" value={stylistId} />
      {state.status !== "slot_taken" && <input type="hidden" name="start" value={start} />}

      <div aria-live="polite" role="status" className="empty:hidden">
        {state.status !== "idle" && state.message && (
          <Notice tone={state.status === "slot_taken" ? "warning" : "error"} title={state.message}>
            {otherErrors.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {otherErrors.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            )}
          </Notice>
        )}
      </div>

      {state.status === "slot_taken" && <AlternativeSlots state={state} changeTimeHref={changeTimeHref} />}

      <TextField
        id="customer-name"
        name="name"
        label="Your name"
        autoComplete="name"
        required
        maxLength={120}
        defaultValue={values?.name}
        errors={errors[CUSTOMER_FIELDS.name]}
      />
      <TextField
        id="customer-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        maxLength={254}
        hint="We send the confirmation here."
        defaultValue={values?.email}
        errors={errors[CUSTOMER_FIELDS.email]}
      />
      <TextField
        id="customer-phone"
        name="phone"
        type="tel"
        label="Phone"
        autoComplete="tel"
        maxLength={40}
        defaultValue={values?.phone}
        errors={errors[CUSTOMER_FIELDS.phone]}
      />
      <TextField
        id="customer-note"
        name="note"
        label="Note for the salon"
        multiline
        maxLength={1000}
        defaultValue={values?.note}
        errors={errors[CUSTOMER_FIELDS.note]}
      />
      <SubmitButton pendingLabel="Booking…">Confirm booking</SubmitButton>
    </form>
  );
}

/**
 * The idempotency key this tab uses for this slot. Going Back after booking renders the form afresh
 * with a new server key; remembering the first key per tab and slot (sessionStorage) makes "Back,
 * then confirm again" replay the booking instead of making a second one. A replacement key from
 * the action (the old one made a booking with other details) is remembered in its place.
 */
function useRememberedKey(storageKey: string, serverKey: string, replacementKey: string | undefined): string {
  const [remembered, setRemembered] = useState<string | null>(null);
  useEffect(() => {
    try {
      const stored = replacementKey ?? sessionStorage.getItem(storageKey);
      // sessionStorage exists only in the browser, after hydration: the server rendered the form
      // with its own key, and this effect is where the tab's remembered key can first be read.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      if (stored) setRemembered(stored);
      sessionStorage.setItem(storageKey, stored ?? serverKey);
    } catch {
      // Storage blocked: the server's key still turns a double submit into one booking.
    }
  }, [storageKey, serverKey, replacementKey]);
  return replacementKey ?? remembered ?? serverKey;
}

function AlternativeSlots({ state, changeTimeHref }: { state: BookingFormState; changeTimeHref: string }) {
  const alternatives = state.alternatives ?? [];
  if (alternatives.length === 0) {
    return (
      <p>
        There are no other free times close to this one.{" "}
        <a href={changeTimeHref} className={textLink}>
          Choose another day
        </a>
        .
      </p>
    );
  }
  return (
    <fieldset className="space-y-2">
      <legend className="font-semibold">Nearest free times</legend>
      {alternatives.map((slot, index) => (
        <label
          key={slot.start}
          className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 has-checked:border-teal-700 has-checked:bg-teal-50"
        >
          <input
            type="radio"
            name="start"
            value={slot.start}
            defaultChecked={index === 0}
            className={`size-4 accent-teal-800 ${focusRing}`}
          />
          <span>{slot.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
