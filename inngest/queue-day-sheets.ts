import type { Database } from "@/db/client";
import { queueDueDaySheets } from "@/lib/day-sheet/queue-day-sheets";
import { NUDGE_EVENT } from "@/lib/outbox/drivers/inngest";
import { inngest } from "./client";

// The owner's day sheets, queued by a cron every minute: each salon whose day-sheet time has come
// gets its sheet's outbox event once per local day (lib/day-sheet/queue-day-sheets.ts), and a nudge
// per salon queued for has the relay send it now rather than at its next cron.

export interface QueueDaySheetsDeps {
  getDb(): Promise<Database>;
  /** The clock (tests inject one). */
  now?: () => Date;
}

export function createQueueDaySheetsFunction(deps: QueueDaySheetsDeps) {
  return inngest.createFunction(
    {
      id: "queue-day-sheets",
      name: "Queue the owners' day sheets",
      triggers: [{ cron: "* * * * *" }],
      // One run at a time; a tick that finds one running is skipped (the next minute catches up).
      singleton: { key: `"day-sheets"`, mode: "skip" },
      retries: 3,
    },
    async ({ step }) => {
      const salonIds = await step.run("queue-day-sheets", async () => queueDueDaySheets(await deps.getDb(), deps.now?.() ?? new Date()));
      if (salonIds.length > 0) {
        await step.sendEvent(
          "nudge-relay",
          salonIds.map((salonId) => ({ name: NUDGE_EVENT, data: { salonId } })),
        );
      }
      return { queued: salonIds.length };
    },
  );
}
