"use client";

import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { useActionState, useEffect, useRef, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { SubmitButton } from "@/components/ui/submit-button";
import { card, focusRing, textLink } from "@/components/ui/styles";
import { TextField } from "@/components/ui/text-field";
import {
  bookingStorageKey,
  CUSTOMER_FIELDS,
  initialBookingFormState,
  type AlternativeSlot,
  type BookingFormState,
  type BookingFormValues,
} from "./booking-form-state";
import { BookingSummary, type SummaryRow } from "./booking-summary";
import { OwnBookingNotice, rememberSent, useOwnBooking, type RecallBooking } from "./own-booking";

export interface BookingFormProps {
  action: (state: BookingFormState, formData: FormData) => Promise<BookingFormState>;
  /** Asks the server whether this tab's key already made a booking (Back after booking). */
  recall: RecallBooking;
  salonSlug: string;
  serviceId: string;
  /** Empty for "any stylist". */
  stylistId: string;
  start: string;
  /** What is being booked; its "Date" and "Time" rows follow a newly chosen time. */
  summary: SummaryRow[];
  /** The salon's policy and contact, shown before Confirm. */
  policy?: React.ReactNode;
  /** Generated on the server when the page was rendered: a resubmission of this form books once. */
  idempotencyKey: string;
  /** Back to the salon's list of free times for that day. */
  changeTimeHref: string;
}

const UNREACHABLE_MESSAGE =
  "We could not reach the salon's booking system, so your booking may or may not have been made. Your details are kept below: press Try again. It will not book twice, and it will tell you whether the booking exists.";

/** The customer's details for one chosen slot; the server action does the booking. */
export function BookingForm({
  action,
  recall,
  salonSlug,
  serviceId,
  stylistId,
  start,
  summary,
  policy,
  idempotencyKey,
  changeTimeHref,
}: BookingFormProps) {
  const storageKey = bookingStorageKey({ salonSlug, serviceId, stylistId, start });
  // Nearest free times offered after a lost race; kept (with the customer's pick) until another offer.
  const [offer, setOffer] = useState<AlternativeSlot[] | null>(null);
  const [chosen, setChosen] = useState<AlternativeSlot | null>(null);

  const [state, formAction] = useActionState(async (previous: BookingFormState, formData: FormData): Promise<BookingFormState> => {
    // Offered times and none picked: nothing is pre-selected, so say so instead of guessing.
    if (formData.get("choosing") === "1" && !formData.get("start")) {
      return {
        status: "invalid",
        message: "Please choose one of the free times.",
        fieldErrors: { start: ["Choose one of the free times."] },
        values: formValuesOf(formData),
      };
    }
    rememberSent(storageKey);
    try {
      return await action(previous, formData);
    } catch (error) {
      // A redirect (the booking is made) is not a failure: let Next.js follow it.
      unstable_rethrow(error);
      return { status: "unreachable", message: UNREACHABLE_MESSAGE, values: formValuesOf(formData) };
    }
  }, initialBookingFormState);

  const [seen, setSeen] = useState(state);
  if (seen !== state) {
    setSeen(state);
    if (state.status === "slot_taken") {
      setOffer(state.alternatives ?? []);
      setChosen(null);
    }
  }

  const formRef = useRef<HTMLFormElement>(null);
  const key = useRememberedKey(storageKey, idempotencyKey, state.idempotencyKey);
  const ownBooking = useOwnBooking(storageKey, recall);
  const errors = state.fieldErrors ?? {};
  const values = state.values;

  // After a refused submission, put the keyboard on the first field that needs attention.
  useEffect(() => {
    if (state.status === "idle") return;
    const form = formRef.current;
    const choice = 'input[name="start"][type="radio"]';
    const target =
      state.status === "slot_taken" || state.fieldErrors?.start
        ? form?.querySelector<HTMLElement>(choice)
        : form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    target?.focus();
  }, [state]);

  const otherErrors = Object.entries(errors)
    .filter(([key]) => key !== "start" || !offer)
    .filter(([key]) => !Object.values(CUSTOMER_FIELDS).includes(key as never))
    .flatMap(([, messages]) => messages);

  const shownSummary = offer
    ? summary.map((row) =>
        row.term === "Date"
          ? { term: "Date", detail: chosen?.date ?? "Not chosen yet: pick a free time below" }
          : row.term === "Time"
            ? { term: "Time", detail: chosen?.time ?? "Not chosen yet: pick a free time below" }
            : row,
      )
    : summary;

  return (
    <>
      <section aria-label="What you are booking" className={card}>
        <BookingSummary rows={shownSummary} />
        <p className="mt-4">
          <Link href={changeTimeHref} className={textLink}>
            Change time
          </Link>
        </p>
      </section>
      {policy}
      <section aria-labelledby="details-heading" className={card}>
        <h2 id="details-heading" className="mb-4 text-lg font-semibold">
          Your details
        </h2>
        <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby="details-heading">
          <input type="hidden" name="idempotencyKey" value={key} />
          <input type="hidden" name="salon" value={salonSlug} />
          <input type="hidden" name="serviceId" value={serviceId} />
          <input type="hidden" name="stylistId" value={stylistId} />
          {!offer && <input type="hidden" name="start" value={start} />}
          {offer && offer.length > 0 && <input type="hidden" name="choosing" value="1" />}

          {ownBooking && <OwnBookingNotice booking={ownBooking} />}

          <div aria-live="polite" role="status" className="empty:hidden">
            {state.status !== "idle" && state.message && (
              <Notice tone={state.status === "slot_taken" || state.status === "unreachable" ? "warning" : "error"} title={state.message}>
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

          {offer && (
            <AlternativeSlots
              alternatives={offer}
              chosen={chosen}
              onChoose={setChosen}
              errors={errors.start}
              changeTimeHref={changeTimeHref}
            />
          )}

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
          <SubmitButton pendingLabel="Booking…">{state.status === "unreachable" ? "Try again" : "Confirm booking"}</SubmitButton>
        </form>
      </section>
    </>
  );
}

function formValuesOf(formData: FormData): BookingFormValues {
  const text = (name: string) => {
    const value = formData.get(name);
    return typeof value === "string" ? value : "";
  };
  return { name: text("name"), email: text("email"), phone: text("phone"), note: text("note") };
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

function AlternativeSlots({
  alternatives,
  chosen,
  onChoose,
  errors,
  changeTimeHref,
}: {
  alternatives: AlternativeSlot[];
  chosen: AlternativeSlot | null;
  onChoose: (slot: AlternativeSlot) => void;
  errors?: string[];
  changeTimeHref: string;
}) {
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
  const invalid = !!errors?.length;
  // Nothing is pre-selected: the customer books the time they picked and the summary shows it.
  return (
    <fieldset className="space-y-2" aria-describedby={invalid ? "alternatives-error" : undefined}>
      <legend className="font-semibold">Nearest free times</legend>
      {invalid && (
        <p id="alternatives-error" className="font-medium text-red-800">
          {errors.join(" ")}
        </p>
      )}
      {alternatives.map((slot) => (
        <label
          key={slot.start}
          className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 bg-white px-3 py-2 has-checked:border-teal-700 has-checked:bg-teal-50"
        >
          <input
            type="radio"
            name="start"
            value={slot.start}
            checked={chosen?.start === slot.start}
            onChange={() => onChoose(slot)}
            className={`size-4 shrink-0 accent-teal-800 ${focusRing}`}
          />
          <span className="min-w-0 break-words">{slot.label}</span>
        </label>
      ))}
    </fieldset>
  );
}
