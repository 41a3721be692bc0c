import { Notice } from "@/components/ui/notice";
import { textLink } from "@/components/ui/styles";
import { formatCutoff } from "@/lib/booking/cutoff";

export interface SalonPolicyProps {
  cutoffMinutes: number;
  /** The salon's contact number; "" when the owner has not set one. */
  contactPhone: string;
  /** The chosen time already starts inside the cutoff: once booked it cannot be changed online. */
  insideCutoff?: boolean;
}

/** The salon's change-and-cancel policy and phone number, said before the customer commits. */
export function SalonPolicy({ cutoffMinutes, contactPhone, insideCutoff = false }: SalonPolicyProps) {
  const call = <SalonPhone contactPhone={contactPhone} />;
  return (
    <section aria-label="Salon policy" className="space-y-3">
      {insideCutoff && (
        <Notice tone="warning" title="This time cannot be changed or cancelled online once booked">
          <p>
            It starts within {formatCutoff(cutoffMinutes)}, when online changes have closed. To change it later, {call}.
          </p>
        </Notice>
      )}
      <p className="text-stone-700">
        {cutoffMinutes === 0
          ? "You can change or cancel online until the appointment starts."
          : `You can change or cancel online until ${formatCutoff(cutoffMinutes)} before the appointment.`}{" "}
        After that, {call}.
      </p>
    </section>
  );
}

/** "call the salon on 020 7946 0000" as a tel: link, or "contact the salon" without a number. */
export function SalonPhone({ contactPhone }: { contactPhone: string }) {
  if (!contactPhone) return <>contact the salon</>;
  return (
    <>
      call the salon on{" "}
      <a href={`tel:${contactPhone.replace(/[^\d+]/g, "")}`} className={`${textLink} whitespace-nowrap`}>
        {contactPhone}
      </a>
    </>
  );
}
