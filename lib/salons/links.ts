// URLs of the customer's way through, built in one place so pages and tests agree on them.

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter, or undefined when absent or empty. */
export function firstParam(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === "" ? undefined : first;
}

/** The salon page showing free times of one day. */
export function slotFinderHref(q: { slug: string; serviceId?: string; stylistId?: string; date?: string }): string {
  const params = new URLSearchParams();
  if (q.serviceId) params.set("service", q.serviceId);
  if (q.stylistId) params.set("stylist", q.stylistId);
  if (q.date) params.set("date", q.date);
  const query = params.toString();
  return `/s/${encodeURIComponent(q.slug)}${query ? `?${query}` : ""}`;
}

/** The details form for one chosen slot. */
export function bookingFormHref(q: { slug: string; serviceId: string; stylistId?: string; start: string }): string {
  const params = new URLSearchParams({ service: q.serviceId });
  if (q.stylistId) params.set("stylist", q.stylistId);
  params.set("start", q.start);
  return `/s/${encodeURIComponent(q.slug)}/book?${params.toString()}`;
}
