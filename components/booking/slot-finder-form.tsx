import { card, focusRing, inputBase, primaryButton } from "@/components/ui/styles";
import type { ServiceItem } from "./salon-overview";

export interface SlotFinderFormProps {
  salonSlug: string;
  services: ServiceItem[];
  stylists: { id: string; name: string }[];
  serviceId?: string;
  stylistId?: string;
  date: string;
  minDate: string;
  /** The last day the salon takes bookings for. */
  maxDate: string;
}

/** A plain GET form: works without JavaScript, and its URL can be shared or bookmarked.
 * The #free-times fragment scrolls a phone straight to the answer. */
export function SlotFinderForm({ salonSlug, services, stylists, serviceId, stylistId, date, minDate, maxDate }: SlotFinderFormProps) {
  return (
    <form method="get" action={`/s/${salonSlug}#free-times`} className={`${card} space-y-5`} aria-labelledby="finder-heading">
      <h2 id="finder-heading" className="text-lg font-semibold">
        Find a free time
      </h2>
      <fieldset>
        <legend className="font-medium">Service</legend>
        <div className="mt-2 grid gap-2">
          {services.map((service, index) => (
            <label
              key={service.id}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 px-3 py-2 has-checked:border-teal-700 has-checked:bg-teal-50"
            >
              <input
                type="radio"
                name="service"
                value={service.id}
                required
                defaultChecked={serviceId ? service.id === serviceId : index === 0}
                className={`size-4 accent-teal-800 ${focusRing}`}
              />
              <bdi className="flex-1">{service.name}</bdi>
              <span className="text-sm text-stone-600">
                {service.duration} · {service.price}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="stylist" className="block font-medium">
            Stylist
          </label>
          <select id="stylist" name="stylist" defaultValue={stylistId ?? ""} className={`${inputBase} border-stone-300`}>
            <option value="">Any stylist</option>
            {stylists.map((stylist) => (
              <option key={stylist.id} value={stylist.id}>
                {stylist.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="date" className="block font-medium">
            Date
          </label>
          <input
            id="date"
            name="date"
            type="date"
            required
            min={minDate}
            max={maxDate}
            defaultValue={date}
            className={`${inputBase} border-stone-300`}
          />
        </div>
      </div>
      <button type="submit" className={`${primaryButton} w-full sm:w-auto`}>
        Show free times
      </button>
    </form>
  );
}
