import { card } from "@/components/ui/styles";

export interface ServiceItem {
  id: string;
  name: string;
  duration: string;
  price: string;
}

/** What the salon offers and who works there. */
export function SalonOverview({ services, stylists }: { services: ServiceItem[]; stylists: { id: string; name: string }[] }) {
  return (
    <div className="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
      <section aria-labelledby="services-heading" className={card}>
        <h2 id="services-heading" className="text-lg font-semibold">
          Services
        </h2>
        <ul className="mt-3 divide-y divide-stone-200">
          {services.map((service) => (
            <li key={service.id} className="flex items-baseline justify-between gap-3 py-2">
              <bdi>{service.name}</bdi>
              <span className="shrink-0 text-right text-stone-700">
                <span className="sr-only">Duration </span>
                {service.duration}
                <span aria-hidden="true"> · </span>
                <span className="sr-only">, price </span>
                <span className="font-medium text-stone-900">{service.price}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="stylists-heading" className={card}>
        <h2 id="stylists-heading" className="text-lg font-semibold">
          Stylists
        </h2>
        <ul className="mt-3 space-y-1">
          {stylists.map((stylist) => (
            <li key={stylist.id}>
              <bdi>{stylist.name}</bdi>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
