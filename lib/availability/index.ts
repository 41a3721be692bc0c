// Availability: which slots a salon can offer. Pure core in compute-slots.ts / check-start.ts,
// database loading in load-schedule.ts.
export { computeSlots, SLOT_GRID_MINUTES } from "./compute-slots";
export type { BusyInterval, DayOff, SalonRules, ScheduleInput, Slot, StylistSchedule, WorkingStretch } from "./compute-slots";
export { checkStart, unavailableMessage } from "./check-start";
export type { StartCheck, UnavailableReason } from "./check-start";
export { lastBookableDate, listAvailableSlots, MAX_AVAILABILITY_DAYS, pastHorizonMessage } from "./list-available-slots";
export type { SlotQuery } from "./list-available-slots";
export { findBookableStylists } from "./find-bookable-stylists";
export { findNearestSlots } from "./find-nearest-slots";
export { InvalidQueryError, UnknownEntityError } from "@/lib/booking/errors";
