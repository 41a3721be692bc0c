export { IDEMPOTENCY_KEY_HEADER, MAX_BOOKING_BODY_BYTES, respondCreateBooking } from "./bookings";
export { respondAvailability, respondSalon, respondSalonList } from "./salons";
export { availabilityErrorFields, slotToJson, type SlotJson } from "./slot-json";
export {
  managedBookingToJson,
  MAX_MANAGE_BODY_BYTES,
  respondCancelBooking,
  respondManagedBooking,
  respondRescheduleBooking,
} from "./manage";
export type { ApiCaller } from "./caller";
