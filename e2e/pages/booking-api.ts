import { expect, type APIRequestContext } from "@playwright/test";

export interface ApiSlot {
  start: string;
  end: string;
  local: string;
  stylistIds: string[];
}

export interface ApiSalon {
  slug: string;
  name: string;
  timeZone: string;
  contactPhone: string;
  country: string;
  currency: string;
  locale: string;
  services: { id: string; name: string; durationMinutes: number; priceCents: number }[];
  stylists: { id: string; name: string }[];
}

/** The JSON API, for checking from outside what the browser did (e2e has no database access). */
export class BookingApi {
  constructor(readonly request: APIRequestContext) {}

  async salon(slug: string): Promise<ApiSalon> {
    const response = await this.request.get(`/api/v1/salons/${slug}`);
    expect(response.status()).toBe(200);
    return response.json();
  }

  async availability(slug: string, query: { serviceId: string; stylistId?: string; from: string; to?: string }): Promise<ApiSlot[]> {
    const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v) as [string, string][]);
    const response = await this.request.get(`/api/v1/salons/${slug}/availability?${params}`);
    expect(response.status()).toBe(200);
    return (await response.json()).slots;
  }
}
