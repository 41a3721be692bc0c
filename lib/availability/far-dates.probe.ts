// Run by far-dates.test.ts in a child process, so that a regression that spins forever is killed
// by the test's time limit instead of hanging the suite (a loop that pins the event loop lets no
// timer fire). Prints one JSON line of what each request answered.
import { randomUUID } from "node:crypto";
import { respondAvailability, respondCreateBooking } from "@/lib/api";
import { listRescheduleSlots } from "@/lib/booking/reschedule-slots";
import { createTestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { computeSlots } from "./compute-slots";
import { listAvailableSlots } from "./list-available-slots";
import { eachDate } from "./wall-clock";

const t = await createTestDatabase();
try {
  const f = await createSalonFixture(t.db, { timeZone: "Pacific/Kiritimati", bookingHorizonDays: 90 });
  const query = (q: Record<string, string>) => new URLSearchParams({ serviceId: f.services[0].id, ...q });
  const status = async (response: Response) => ({ status: response.status, body: (await response.json()) as unknown });
  const thrown = (promise: Promise<unknown>) =>
    promise.then(
      () => "answered",
      (error: Error) => error.name,
    );
  const out = {
    // The pure core, asked directly for the last days of the calendar: it must end.
    eachDate: eachDate("9999-12-25", "9999-12-31").length,
    computeSlots: computeSlots(
      {
        rules: { timeZone: "Pacific/Kiritimati", bufferMinutes: 0, minNoticeMinutes: 0, bookingHorizonDays: 730 },
        durationMinutes: 30,
        stylists: [{ stylistId: "s", hours: [{ weekday: 5, startTime: "09:00", endTime: "17:00" }], daysOff: [], busy: [] }],
        now: new Date("9999-12-01T00:00:00Z"),
      },
      "9999-12-31",
      "9999-12-31",
    ).length,
    // And through the API and the functions behind the pages.
    from: await status(await respondAvailability(t.db, f.salon.slug, query({ from: "9999-12-31" }))),
    range: await status(await respondAvailability(t.db, f.salon.slug, query({ from: "9999-12-01", to: "9999-12-31" }))),
    listAvailableSlots: await thrown(listAvailableSlots(t.db, { salonId: f.salon.id, serviceId: f.services[0].id, from: "9999-12-31" })),
    listRescheduleSlots: await thrown(listRescheduleSlots(t.db, randomUUID(), { date: "9999-12-31" })),
    booking: await status(
      await respondCreateBooking(
        t.db,
        new Request("http://probe/api/v1/bookings", {
          method: "POST",
          headers: { "content-type": "application/json", "idempotency-key": randomUUID() },
          body: JSON.stringify({
            salon: f.salon.slug,
            serviceId: f.services[0].id,
            start: "9999-12-31T23:00:00-05:00",
            customer: { name: "Far Future", email: "far@example.test" },
          }),
        }),
      ),
    ),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
} finally {
  await t.dispose();
}
