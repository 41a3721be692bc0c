import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import { cancelBooking } from "@/lib/booking/cancel-booking";
import { createDashboardChannel } from "@/lib/notifications/channels";
import { testRelaySettings } from "@/lib/outbox/testing";
import { drainOutbox, type OutboxChannel } from "@/lib/outbox/relay";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { getOwnerBookingDetails } from "./booking-details";
import { ownerActor } from "@/lib/booking/test-support";
import { bookAt } from "./test-support";

let db: TestDatabase;
let ava: SalonFixture;
let marcus: SalonFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  ava = await createSalonFixture(db.db, { timeZone: "Europe/London" });
  marcus = await createSalonFixture(db.db, { timeZone: "Europe/London" });
});

afterAll(async () => {
  await db?.dispose();
});

// A mail server that defers everything, so the history shows a waiting channel next to a delivered one.
const deferringEmail: OutboxChannel = {
  name: "owner-email",
  mode: "queued",
  async deliver(events) {
    return events.map((e) => ({ eventId: e.id, ok: false as const, error: "451 try again later", failure: "transient" as const }));
  },
};

describe("getOwnerBookingDetails", () => {
  it("shows the customer's details, the time in the salon's zone and what may be done", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T10:00:00+01:00", { name: "Ada Lovelace" });
    const details = await getOwnerBookingDetails(db.db, ava.owner.id, booking.id, { now: new Date("2027-06-10T00:00:00Z") });
    expect(details).toMatchObject({
      id: booking.id,
      reference: booking.reference,
      status: "confirmed",
      salon: { id: ava.salon.id, name: ava.salon.name, timeZone: "Europe/London" },
      service: { name: ava.services[0].name, durationMinutes: 30, priceCents: ava.services[0].priceCents },
      stylist: { name: "Stylist 1" },
      customer: { name: "Ada Lovelace", email: "jo@example.test", phone: "+44 20 7946 0000", note: "Fringe only" },
      startLocal: "2027-06-15T10:00:00+01:00",
      endLocal: "2027-06-15T10:30:00+01:00",
      zoneName: "British Summer Time",
      canCancel: true,
      canMarkOutcome: false,
    });
    const afterStart = await getOwnerBookingDetails(db.db, ava.owner.id, booking.id, { now: new Date("2027-06-15T09:00:00Z") });
    expect(afterStart!.canMarkOutcome).toBe(true);
  });

  it("lists the booking's events oldest first, with each channel's own delivery and last error", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T11:00:00+01:00");
    await cancelBooking(db.db, { actor: ownerActor(ava), bookingId: booking.id });
    await drainOutbox(db.db, { holder: "details-test", channels: [createDashboardChannel(), deferringEmail], settings: testRelaySettings(), random: () => 0.5 });

    const details = await getOwnerBookingDetails(db.db, ava.owner.id, booking.id);
    expect(details!.status).toBe("cancelled");
    expect(details!.canCancel).toBe(false);
    expect(details!.canMarkOutcome).toBe(false);
    const created = details!.events[0];
    expect(details!.events.map((e) => e.type)).toEqual(["booking.created", "booking.cancelled"]);
    expect(created).toMatchObject({ status: "delivering" });
    expect(created.deliveries.map((d) => [d.channel, d.status, d.attempts, d.lastError])).toEqual([
      ["dashboard", "delivered", 1, null],
      ["owner-email", "pending", 1, "451 try again later"],
    ]);
    expect(created.deliveries[0].latencyMs).toBeGreaterThanOrEqual(0);
    // The cancellation is on the dashboard at once; its email waits behind the first (order per channel).
    expect(details!.events[1].deliveries.map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ["dashboard", "delivered", 1],
      ["owner-email", "pending", 0],
    ]);
  });

  it("says when a reminder not yet due is scheduled, and stops once it is due", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T15:00:00+01:00");
    const before = await getOwnerBookingDetails(db.db, ava.owner.id, booking.id, { now: new Date("2027-06-01T00:00:00Z") });
    const [created, reminder] = before!.events;
    expect(reminder.type).toBe("booking.reminder");
    // The default offset: the day before, at the same time.
    expect(reminder.scheduledFor).toEqual(new Date("2027-06-14T14:00:00Z"));
    expect(created.scheduledFor).toBeNull();
    const due = await getOwnerBookingDetails(db.db, ava.owner.id, booking.id, { now: new Date("2027-06-14T14:00:01Z") });
    expect(due!.events[1].scheduledFor).toBeNull();
  });

  it("shows nothing of another owner's booking, to another owner or to nobody", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T13:00:00+01:00");
    expect(await getOwnerBookingDetails(db.db, marcus.owner.id, booking.id)).toBeUndefined();
    expect(await getOwnerBookingDetails(db.db, null, booking.id)).toBeUndefined();
    expect(await getOwnerBookingDetails(db.db, ava.owner.id, "00000000-0000-4000-8000-000000000000")).toBeUndefined();
    expect(await getOwnerBookingDetails(db.db, ava.owner.id, "../../etc/passwd")).toBeUndefined();
  });

  it("never shows another salon's event that happens to share the booking's id as its aggregate", async () => {
    const booking = await bookAt(db.db, ava, "2027-06-15T14:00:00+01:00");
    await db.db.insert(outbox).values({
      aggregateType: "booking",
      aggregateId: booking.id,
      salonId: marcus.salon.id,
      eventType: "booking.created",
      payload: { forged: true },
    });
    const details = await getOwnerBookingDetails(db.db, ava.owner.id, booking.id);
    // Its own: the announcement and the reminder scheduled for the day before.
    expect(details!.events.map((e) => e.type)).toEqual(["booking.created", "booking.reminder"]);
    const own = await db.db.select().from(outbox).where(eq(outbox.aggregateId, booking.id));
    expect(own).toHaveLength(3);
  });
});
