import type { Database } from "@/db/client";
import { queueDueDaySheets } from "./queue-day-sheets";

/** How often the embedded relay looks for day sheets whose time has come (the Inngest cron: every minute). */
export const DAY_SHEET_CHECK_EVERY_MS = 30_000;

/** The embedded relay's cron task that queues due day sheets. */
export function daySheetCronTask(db: Database) {
  return {
    name: "queue-day-sheets",
    everyMs: DAY_SHEET_CHECK_EVERY_MS,
    run: async (now: Date) => (await queueDueDaySheets(db, now)).length,
  };
}
