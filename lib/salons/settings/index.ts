// Salon settings: framework-free commands and queries that take (db, ownerId, input) and act only
// on the caller's own salons. The app's server actions and pages call these.
export { updateReminderSettings } from "./reminder-commands";
export { createSalon, updateSalon } from "./salon-commands";
export {
  getSalonReadiness,
  listOwnedSalonStates,
  publishSalon,
  READINESS_LABELS,
  unpublishSalon,
  type OwnedSalonState,
  type ReadinessItem,
  type SalonReadiness,
} from "./publication";
export { addService, setServiceActive, updateService } from "./service-commands";
export { addStylist, renameStylist, setStylistActive } from "./stylist-commands";
export { addTimeOff, removeTimeOff, setWeeklyHours } from "./schedule-commands";
export {
  getOwnedSalonSummary,
  getSalonSettings,
  getStylistSettings,
  listOwnedSalons,
  MAX_TIME_OFF_ROWS,
  type OwnedSalonSummary,
  type SalonSettings,
  type StylistSettings,
} from "./queries";
export type { OwnerId } from "./owned";
export type { SettingsResult, StrandedBooking, StrandReason } from "./results";
