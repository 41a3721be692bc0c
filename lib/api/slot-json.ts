import type { Slot } from "@/lib/availability";
import { InvalidQueryError, UnknownEntityError } from "@/lib/booking/errors";

/** A slot as the API and the booking form send it: instants in UTC with Z, and the salon-local start. */
export interface SlotJson {
  start: string;
  end: string;
  local: string;
  stylistIds: string[];
}

export function slotToJson(slot: Slot): SlotJson {
  return {
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    local: slot.local,
    stylistIds: slot.stylistIds,
  };
}

/** The field errors for an availability error the client caused (an id not of this salon, a bad range). */
export function availabilityErrorFields(error: unknown): Record<string, string[]> | undefined {
  if (error instanceof UnknownEntityError || error instanceof InvalidQueryError) {
    return { [error.field]: [error.message] };
  }
  return undefined;
}
