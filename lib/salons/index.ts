export { getSalonBySlug, listSalons, type SalonDetail, type SalonSummary } from "./queries";
export {
  DEFAULT_LOCALE,
  formatDuration,
  formatLocalDate,
  formatLocalTime,
  formatPrice,
  formatStretches,
  formatWallTime,
  monthBeforeDay,
  uses12HourClock,
  type SalonLocale,
  slotChoices,
  SLOT_TAKEN_MESSAGE,
  todayIn,
  zoneNameOnDate,
} from "./format";
export { bookingFormHref, firstParam, slotFinderHref, type SearchParams } from "./links";
// Calendar arithmetic lives with availability; re-exported here for the pages.
export { addDays, isCalendarDate, zoneNameAt } from "@/lib/availability/wall-clock";
