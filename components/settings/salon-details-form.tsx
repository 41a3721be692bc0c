"use client";

import { useActionState, useEffect, useRef, type FormEvent } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { preferredTimeZone, slugFromName } from "@/lib/salons/slug";
import { InputField, SelectField } from "./fields";
import { FormStatus, useFocusAfterRefusal } from "./form-status";
import { initialSettingsFormState, valueOf, type SettingsFormState } from "./settings-form-state";

export interface SalonDetailsValues {
  name: string;
  slug: string;
  timeZone: string;
  address: string;
  bufferMinutes: string;
  minNoticeMinutes: string;
  cancellationCutoffMinutes: string;
  bookingHorizonDays: string;
  contactPhone: string;
  country: string;
  currency: string;
  locale: string;
}

const FIELDS = [
  "name",
  "slug",
  "timeZone",
  "address",
  "bufferMinutes",
  "minNoticeMinutes",
  "cancellationCutoffMinutes",
  "bookingHorizonDays",
  "contactPhone",
  "country",
  "currency",
  "locale",
];

/** The lists the country, currency and locale fields offer, with what each option reads as. */
export interface SalonLocaleChoices {
  countries: readonly string[];
  countryNames: Readonly<Record<string, string>>;
  currencies: readonly string[];
  locales: Readonly<Record<string, string>>;
}

/** A salon's name, address, time zone and booking rules: to create a salon, or to edit one (salonId given). */
export function SalonDetailsForm({
  action,
  saved,
  timeZones,
  localeChoices,
  salonId,
  headingId,
}: {
  action: (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;
  saved: SalonDetailsValues;
  timeZones: readonly string[];
  localeChoices: SalonLocaleChoices;
  salonId?: string;
  /** The heading that names this form. */
  headingId: string;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusAfterRefusal(formRef, state);
  const errors = state.fieldErrors ?? {};
  const v = (name: keyof SalonDetailsValues) => valueOf(state, name, saved[name]);
  // Re-mount the fields with what was typed after a refusal (React resets a form after its action).
  const k = (name: keyof SalonDetailsValues) => `${name}:${v(name)}`;
  const creating = !salonId;
  const field = (name: string) => formRef.current?.elements.namedItem(name) as HTMLInputElement | null | undefined;

  // A new salon's slug follows its name until the owner types a slug of their own (emptying the
  // field hands it back to the name). An existing salon's slug never moves: customers have its link.
  const slugEdited = useRef(v("slug") !== "");
  const followName = (event: FormEvent<HTMLFormElement>) => {
    const target = event.target as HTMLInputElement;
    if (target.name === "slug") slugEdited.current = target.value !== "";
    if (target.name === "name" && creating && !slugEdited.current) {
      const slug = field("slug");
      if (slug) slug.value = slugFromName(target.value);
    }
  };

  // A new salon starts in the owner's own time zone, as the browser reports it.
  const refused = state.values !== undefined;
  useEffect(() => {
    if (!creating || refused) return;
    const zone = field("timeZone");
    if (zone && zone.value === saved.timeZone) {
      zone.value = preferredTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone, timeZones, saved.timeZone);
    }
  }, [creating, refused, saved.timeZone, timeZones]);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5" aria-labelledby={headingId} onInput={followName}>
      {salonId && <input type="hidden" name="salonId" value={salonId} />}
      <FormStatus state={state} fieldNames={FIELDS} idPrefix="salon" />
      <TextField key={k("name")} id="salon-name" name="name" label="Salon name" required maxLength={120} defaultValue={v("name")} errors={errors.name} />
      <TextField
        key={k("slug")}
        id="salon-slug"
        name="slug"
        label="Web address (slug)"
        required
        maxLength={60}
        defaultValue={v("slug")}
        hint="Customers book at /s/your-slug. Lower-case letters, digits and single hyphens."
        errors={errors.slug}
      />
      {/* A searchable list: type "york" or "London" and pick; the server accepts only known zones. */}
      <TextField
        key={k("timeZone")}
        id="salon-time-zone"
        name="timeZone"
        label="Time zone"
        required
        maxLength={64}
        list="salon-time-zones"
        spellCheck={false}
        autoComplete="off"
        defaultValue={v("timeZone")}
        hint="Opening hours and booking times are in this zone. Type part of a city to search, e.g. London or New_York."
        errors={errors.timeZone}
      />
      <datalist id="salon-time-zones">
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
      <TextField
        key={k("address")}
        id="salon-address"
        name="address"
        label="Address"
        maxLength={300}
        defaultValue={v("address")}
        errors={errors.address}
      />
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Booking rules (in minutes)</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <InputField
            key={k("bufferMinutes")}
            id="salon-buffer"
            name="bufferMinutes"
            label="Buffer after each booking"
            inputMode="numeric"
            maxLength={3}
            defaultValue={v("bufferMinutes")}
            hint="0 to 240, to tidy up between clients."
            errors={errors.bufferMinutes}
          />
          <InputField
            key={k("minNoticeMinutes")}
            id="salon-notice"
            name="minNoticeMinutes"
            label="Minimum notice"
            inputMode="numeric"
            maxLength={5}
            defaultValue={v("minNoticeMinutes")}
            hint="How soon before a slot it can still be booked; 60 is an hour."
            errors={errors.minNoticeMinutes}
          />
          <InputField
            key={k("cancellationCutoffMinutes")}
            id="salon-cutoff"
            name="cancellationCutoffMinutes"
            label="Cancellation cutoff"
            inputMode="numeric"
            maxLength={5}
            defaultValue={v("cancellationCutoffMinutes")}
            hint="Customers can cancel online until this long before; 1440 is a day."
            errors={errors.cancellationCutoffMinutes}
          />
        </div>
      </fieldset>
      <InputField
        key={k("bookingHorizonDays")}
        id="salon-horizon"
        name="bookingHorizonDays"
        label="How far ahead customers can book (days)"
        inputMode="numeric"
        maxLength={3}
        defaultValue={v("bookingHorizonDays")}
        hint="1 to 730; 90 is about three months. Later times are not offered."
        errors={errors.bookingHorizonDays}
      />
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">Contact, country and money</legend>
        <TextField
          key={k("contactPhone")}
          id="salon-contact-phone"
          name="contactPhone"
          type="tel"
          label="Salon phone"
          maxLength={40}
          defaultValue={v("contactPhone")}
          hint="Shown to customers with the booking policy: they call it for changes once online changes have closed."
          errors={errors.contactPhone}
        />
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField
            key={k("country")}
            id="salon-country"
            name="country"
            label="Country"
            options={localeChoices.countries}
            labels={localeChoices.countryNames}
            defaultValue={v("country")}
            hint="Customers' phone numbers without a +code are read as this country's."
            errors={errors.country}
          />
          <SelectField
            key={k("currency")}
            id="salon-currency"
            name="currency"
            label="Currency"
            options={localeChoices.currencies}
            defaultValue={v("currency")}
            hint="ISO 4217 code; prices are shown in it."
            errors={errors.currency}
          />
          <SelectField
            key={k("locale")}
            id="salon-locale"
            name="locale"
            label="How times and prices are written"
            options={Object.keys(localeChoices.locales)}
            labels={localeChoices.locales}
            defaultValue={v("locale")}
            hint="12- or 24-hour clock, date order and decimal separator."
            errors={errors.locale}
          />
        </div>
      </fieldset>
      <SubmitButton pendingLabel={salonId ? "Saving…" : "Creating…"}>{salonId ? "Save details" : "Create salon"}</SubmitButton>
    </form>
  );
}
