import { and, eq } from "drizzle-orm";
import { NEW_CUSTOMER } from "@/lib/booking/actor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outbox, salons } from "@/db/schema";
import { createBooking } from "@/lib/booking/create-booking";
import { BOOKING_REMINDER_EVENT } from "@/lib/booking/events";
import { bookingRequest, londonStart, newKey, TEST_NOW } from "@/lib/booking/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture } from "@/lib/testing/fixtures";
import { updateReminderSettings } from "./reminder-commands";
import { reminderFormValues, reminderSettingsSchema } from "./reminder-schemas";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.dispose();
});

const SALON = "7f1c1d7e-3b8a-4a51-9f0e-2a7f8b1c9d10";

describe("reminder settings input", () => {
  const parse = (input: Record<string, string>) => reminderSettingsSchema.safeParse({ salonId: SALON, ...input });
  it("turns presets and custom amounts into minutes, and the day sheet's time", () => {
    expect(parse({ reminder1: "1440", reminder2: "120", daySheet: "on", daySheetTime: "07:30" }).data).toEqual({ salonId: SALON, reminderOffsetsMinutes: [1440, 120], daySheetTime: "07:30" });
    expect(parse({ reminder1: "custom", reminder1Amount: "1.5", reminder1Unit: "hours" }).data?.reminderOffsetsMinutes).toEqual([90]);
    expect(parse({ reminder1: "custom", reminder1Amount: "7", reminder1Unit: "minutes", reminder2: "none" }).data).toEqual({ salonId: SALON, reminderOffsetsMinutes: [7], daySheetTime: null });
    expect(parse({ reminder1: "none", reminder2: "none" }).data?.reminderOffsetsMinutes).toEqual([]);
    // What the form sends for the fields it did not show: empty strings.
    const hidden = { reminder1: "custom", reminder1Amount: "116", reminder1Unit: "minutes", reminder2: "none", reminder2Amount: "", reminder2Unit: "", daySheet: "on", daySheetTime: "07:00" };
    expect(parse(hidden).data).toEqual({ salonId: SALON, reminderOffsetsMinutes: [116], daySheetTime: "07:00" });
  });
  it("refuses what cannot be a reminder or a time, naming the field", () => {
    const errors = (input: Record<string, string>) => Object.keys(parse(input).error?.flatten().fieldErrors ?? {});
    expect(errors({ reminder1: "custom", reminder1Amount: "2", reminder1Unit: "minutes" })).toEqual(["reminder1Amount"]);
    expect(errors({ reminder1: "custom", reminder1Amount: "15", reminder1Unit: "days" })).toEqual(["reminder1Unit"]);
    expect(errors({ reminder1: "custom", reminder1Amount: "400", reminder1Unit: "hours" })).toEqual(["reminder1Amount"]);
    expect(errors({ reminder1: "custom", reminder1Amount: "1e3" })).toEqual(["reminder1Amount"]);
    expect(errors({ reminder1: "120", reminder2: "120" })).toEqual(["reminder2"]);
    expect(errors({ reminder1: "60" })).toEqual(["reminder1"]);
    expect(errors({ daySheet: "on", daySheetTime: "25:00" })).toEqual(["daySheetTime"]);
  });
  it("shows saved offsets in the form as they were chosen", () => {
    expect(reminderFormValues([1440, 90], "07:00:00")).toMatchObject({ reminder1: "1440", reminder2: "custom", reminder2Amount: "90", reminder2Unit: "minutes", daySheet: "on", daySheetTime: "07:00" });
    expect(reminderFormValues([180], null)).toMatchObject({ reminder1: "custom", reminder1Amount: "3", reminder1Unit: "hours", reminder2: "none", daySheet: "" });
  });
});

describe("updateReminderSettings", () => {
  it("saves the owner's salon settings; another owner's salon is not found and keeps its own", async () => {
    const f = await createSalonFixture(db.db);
    const stranger = await createSalonFixture(db.db);
    const input = { salonId: f.salon.id, reminder1: "120", reminder2: "none", daySheet: "" };
    expect(await updateReminderSettings(db.db, stranger.owner.id, input)).toEqual({ status: "not_found" });
    expect(await updateReminderSettings(db.db, f.owner.id, input)).toEqual({ status: "ok", salonId: f.salon.id });
    const [saved] = await db.db.select().from(salons).where(eq(salons.id, f.salon.id));
    expect(saved).toMatchObject({ reminderOffsetsMinutes: [120], daySheetTime: null });
    expect(await updateReminderSettings(db.db, f.owner.id, { ...input, salonId: "nope" })).toMatchObject({ status: "invalid" });
  });

  it("applies to bookings made afterwards; bookings made before keep their reminders", async () => {
    const f = await createSalonFixture(db.db);
    const book = async (start: string) => {
      const made = await createBooking(db.db, bookingRequest(f, { start }), { actor: NEW_CUSTOMER, idempotencyKey: newKey("settings"), now: TEST_NOW });
      if (made.status !== "created") throw new Error(made.status);
      const rows = await db.db.select({ payload: outbox.payload }).from(outbox).where(and(eq(outbox.aggregateId, made.booking.id), eq(outbox.eventType, BOOKING_REMINDER_EVENT)));
      return rows.map((r) => (r.payload as { reminderOffsetMinutes: number }).reminderOffsetMinutes);
    };
    expect(await book(londonStart("10:00"))).toEqual([1440]);
    await updateReminderSettings(db.db, f.owner.id, { salonId: f.salon.id, reminder1: "120", reminder2: "custom", reminder2Amount: "30", reminder2Unit: "minutes", daySheet: "on", daySheetTime: "07:00" });
    expect((await book(londonStart("11:00"))).sort()).toEqual([120, 30]);
    const earlier = await db.db.select().from(outbox).where(eq(outbox.eventType, BOOKING_REMINDER_EVENT));
    expect(earlier.filter((e) => (e.payload as { reminderOffsetMinutes: number }).reminderOffsetMinutes === 1440)).toHaveLength(1);
  });
});
