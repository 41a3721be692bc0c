import type { BookingFormValues } from "@/components/booking/booking-form-state";

// The details form's fields, read into the shape bookingRequestSchema validates.

const text = (formData: FormData, name: string): string | undefined => {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
};

/** The raw request, unvalidated: empty optional fields become absent so the schema treats them as not given. */
export function bookingRequestFromForm(formData: FormData): unknown {
  return {
    salon: text(formData, "salon"),
    serviceId: text(formData, "serviceId"),
    stylistId: text(formData, "stylistId") || undefined,
    start: text(formData, "start"),
    customer: {
      name: text(formData, "name") ?? "",
      email: text(formData, "email") ?? "",
      phone: text(formData, "phone") || undefined,
      note: text(formData, "note") || undefined,
    },
  };
}

// Echoed back so a refused form keeps what was typed; capped so a huge field is not sent back whole.
const ECHO_LIMIT = 2000;

export function formValues(formData: FormData): BookingFormValues {
  const echo = (name: string) => (text(formData, name) ?? "").slice(0, ECHO_LIMIT);
  return { name: echo("name"), email: echo("email"), phone: echo("phone"), note: echo("note") };
}
