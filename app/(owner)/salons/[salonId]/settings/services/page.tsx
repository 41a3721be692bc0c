import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { SavedNotice } from "@/components/settings/saved-notice";
import { ActiveToggleForm, ServiceForm } from "@/components/settings/service-forms";
import { card } from "@/components/ui/styles";
import { formatDuration, formatPrice } from "@/lib/salons";
import { decimalSeparator, formatPriceInput } from "@/lib/salons/format";
import { getSalonSettings } from "@/lib/salons/settings";
import { openSettingsPage, type SettingsPageProps } from "../settings-page";
import { addServiceAction, setServiceActiveAction, updateServiceAction } from "./actions";

export const metadata: Metadata = { title: "Services" };
export const dynamic = "force-dynamic";

export default async function ServicesPage(props: SettingsPageProps<{ salonId: string }>) {
  const { saved, settings } = await openSettingsPage(props, () => "/services", (db, ownerId, { salonId }) => getSalonSettings(db, ownerId, salonId));
  const { salon, services } = settings;
  const currency = salon.currency;
  const decimal = decimalSeparator(salon.locale);
  // A fresh key per render: after a save every form starts clean instead of keeping its last refusal.
  const renderKey = randomUUID();

  return (
    <>
      <SavedNotice code={saved} />
      <section aria-labelledby="services-heading" className={card}>
        <h2 id="services-heading" className="text-lg font-semibold">
          Services
        </h2>
        {services.length === 0 ? (
          <p className="mt-2 text-stone-700">No services yet. Add the first one below.</p>
        ) : (
          <ul className="mt-3 space-y-4" aria-label="Your services">
            {services.map((service) => (
              <li key={service.id} className="space-y-3 rounded-lg border border-stone-200 p-4">
                <h3 className="font-semibold">
                  {service.name}{" "}
                  <span className="font-normal text-stone-700">
                    · {formatDuration(service.durationMinutes)} · {formatPrice(service.priceCents, salon)}
                    {!service.active && " · switched off"}
                  </span>
                </h3>
                <ServiceForm
                  key={`${renderKey}-edit`}
                  action={updateServiceAction}
                  idPrefix={`service-${service.id}`}
                  hidden={{ serviceId: service.id }}
                  saved={{ name: service.name, durationMinutes: String(service.durationMinutes), price: formatPriceInput(service.priceCents, salon.locale) }}
                  currency={currency}
                  decimal={decimal}
                  label={`Edit ${service.name}`}
                  submitLabel="Save service"
                />
                <ActiveToggleForm
                  key={`${renderKey}-toggle`}
                  action={setServiceActiveAction}
                  idPrefix={`service-${service.id}-active`}
                  hidden={{ serviceId: service.id }}
                  active={service.active}
                  name={service.name}
                />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="add-service-heading" className={card}>
        <h2 id="add-service-heading" className="mb-4 text-lg font-semibold">
          Add a service
        </h2>
        <ServiceForm
          key={renderKey}
          action={addServiceAction}
          idPrefix="new-service"
          hidden={{ salonId: salon.id }}
          saved={{ name: "", durationMinutes: "30", price: "" }}
          currency={currency}
          decimal={decimal}
          label="Add a service"
          submitLabel="Add service"
        />
      </section>
    </>
  );
}
