import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ownerNotifications, salons } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import {
  countUnreadForOwner,
  getNotificationsForOwner,
  listNotificationsForOwner,
  markNotificationsRead,
  oldestUndeliveredEventId,
  ownedSalonIds,
} from "./queries";
import { bookingPayload, deliverNotification, insertNotificationFor, insertOutboxEvent } from "./test-helpers";
import { toDashboardNotification } from "./view";

let db: TestDatabase;
let a: SalonFixture;
let b: SalonFixture;
const aIds: number[] = [];
const bIds: number[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  a = await createSalonFixture(db.db, { timeZone: "Europe/London" });
  b = await createSalonFixture(db.db, { timeZone: "America/New_York" });
  // Interleaved, so id ranges alone could never separate the owners.
  for (let i = 0; i < 6; i++) {
    aIds.push(await deliverNotification(db.db, a));
    bIds.push(await deliverNotification(db.db, b));
  }
});
afterAll(async () => {
  await db?.dispose();
});

describe("dashboard notification queries", () => {
  it("lists only the owner's own notifications, oldest first", async () => {
    const rowsA = await listNotificationsForOwner(db.db, a.owner.id, { limit: 50 });
    expect(rowsA.map((r) => r.eventId)).toEqual(aIds);
    expect(rowsA.every((r) => r.salonId === a.salon.id)).toBe(true);
    const rowsB = await listNotificationsForOwner(db.db, b.owner.id, { limit: 50 });
    expect(rowsB.map((r) => r.eventId)).toEqual(bIds);
  });

  it("without a cursor returns the latest N; with one, what came after it", async () => {
    const latest = await listNotificationsForOwner(db.db, a.owner.id, { limit: 2 });
    expect(latest.map((r) => r.eventId)).toEqual(aIds.slice(-2));
    const after = await listNotificationsForOwner(db.db, a.owner.id, { afterEventId: aIds[3], limit: 50 });
    expect(after.map((r) => r.eventId)).toEqual(aIds.slice(4));
  });

  it("never returns another owner's rows, even when asked for them by id", async () => {
    const rows = await getNotificationsForOwner(db.db, a.owner.id, [...bIds, aIds[0]]);
    expect(rows.map((r) => r.eventId)).toEqual([aIds[0]]);
  });

  it("drops a salon's rows from the feed once the salon belongs to someone else", async () => {
    const c = await createSalonFixture(db.db);
    const other = await createSalonFixture(db.db);
    const id = await deliverNotification(db.db, c);
    expect((await listNotificationsForOwner(db.db, c.owner.id, { limit: 10 })).map((r) => r.eventId)).toEqual([id]);
    await db.db.update(salons).set({ ownerId: other.owner.id }).where(eq(salons.id, c.salon.id));
    expect(await listNotificationsForOwner(db.db, c.owner.id, { limit: 10 })).toEqual([]);
    expect(await ownedSalonIds(db.db, c.owner.id)).toEqual([]);
    expect((await ownedSalonIds(db.db, other.owner.id)).sort()).toEqual([other.salon.id, c.salon.id].sort());
  });

  it("finds the oldest event of the owner's salons that is still on its way to the dashboard", async () => {
    const d = await createSalonFixture(db.db);
    expect(await oldestUndeliveredEventId(db.db, d.owner.id)).toBeNull();
    const pending = await insertOutboxEvent(db.db, d, { status: "pending" });
    await insertOutboxEvent(db.db, d, { status: "processing" });
    await insertOutboxEvent(db.db, b, { status: "pending" }); // someone else's: ignored
    expect(await oldestUndeliveredEventId(db.db, d.owner.id)).toBe(pending.id);
    // Once its notification exists it no longer holds the feed back, even if email is still pending.
    await insertNotificationFor(db.db, d, pending);
    expect(await oldestUndeliveredEventId(db.db, d.owner.id)).toBe(pending.id + 1);
  });

  it("marks only the owner's rows as read, up to the given id", async () => {
    const changed = await markNotificationsRead(db.db, a.owner.id, aIds[2]);
    expect(changed).toBe(3);
    const rowsA = await listNotificationsForOwner(db.db, a.owner.id, { limit: 50 });
    expect(rowsA.map((r) => r.readAt !== null)).toEqual([true, true, true, false, false, false]);
    // Owner A passing a B id marks nothing of B's.
    await markNotificationsRead(db.db, a.owner.id, bIds[5]);
    const unreadB = await db.db.select().from(ownerNotifications).where(eq(ownerNotifications.ownerId, b.owner.id));
    expect(unreadB.every((r) => r.readAt === null)).toBe(true);
  });

  it("shapes a row for the feed without the customer's contact details", async () => {
    const payload = bookingPayload(a, { reference: "ABC123" });
    const id = await deliverNotification(db.db, a, payload, "booking.created");
    const [row] = await getNotificationsForOwner(db.db, a.owner.id, [id]);
    const view = toDashboardNotification(row);
    expect(view).toMatchObject({
      id,
      type: "booking.created",
      reference: "ABC123",
      customerName: "Casey Customer",
      serviceName: a.services[0].name,
      stylistName: a.stylists[0].name,
      salonName: a.salon.name,
      timeZone: "Europe/London",
      // The salon's own, from its row (not the payload): the feed writes its times this way.
      locale: "en-GB",
      startLocal: payload.startLocal,
      read: false,
    });
    expect(JSON.stringify(view)).not.toMatch(/casey@example|secret note|\+44/);
  });

  it("counts the owner's unread notifications, not another owner's nor the read ones", async () => {
    const e = await createSalonFixture(db.db);
    const f = await createSalonFixture(db.db);
    expect(await countUnreadForOwner(db.db, e.owner.id)).toBe(0);
    const ids = [await deliverNotification(db.db, e), await deliverNotification(db.db, e), await deliverNotification(db.db, e)];
    await deliverNotification(db.db, f);
    expect(await countUnreadForOwner(db.db, e.owner.id)).toBe(3);
    await markNotificationsRead(db.db, e.owner.id, ids[0]);
    expect(await countUnreadForOwner(db.db, e.owner.id)).toBe(2);
    expect(await countUnreadForOwner(db.db, f.owner.id)).toBe(1);
  });
});
