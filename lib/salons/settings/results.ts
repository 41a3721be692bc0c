import type { z } from "zod";
import { fieldErrors } from "@/lib/booking/schemas";

// What every settings command answers. "not_found" covers both "no such row" and "not yours":
// a stranger learns nothing about which ids exist.

/** Why a change would strand the bookings it lists. */
export type StrandReason = "hours" | "salon_hours" | "time_off" | "stylist_inactive" | "service_inactive" | "buffer" | "time_zone";

/** A future confirmed booking a change would leave behind, as the owner needs to find it. */
export interface StrandedBooking {
  id: string;
  reference: string;
  customerName: string;
  serviceName: string;
  stylistName: string;
  /** The appointment's start, ISO 8601 with the salon zone's offset. */
  startsAtLocal: string;
  /** "Tuesday 15 June 2027" in the salon's zone. */
  dateLabel: string;
  /** "10:00" in the salon's zone. */
  timeLabel: string;
}

export type SettingsResult<T extends object = object> =
  | ({ status: "ok" } & T)
  | { status: "invalid"; fieldErrors: Record<string, string[]> }
  | { status: "not_found" }
  | { status: "stranded"; reason: StrandReason; bookings: StrandedBooking[]; total: number };

export const NOT_FOUND = { status: "not_found" } as const;

export function invalidInput(error: z.ZodError): { status: "invalid"; fieldErrors: Record<string, string[]> } {
  return { status: "invalid", fieldErrors: fieldErrors(error) };
}

export function invalidField(field: string, message: string): { status: "invalid"; fieldErrors: Record<string, string[]> } {
  return { status: "invalid", fieldErrors: { [field]: [message] } };
}
