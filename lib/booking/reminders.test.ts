import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { describeReminderOffset, plannedReminders, reminderDueAt, reminderNotice } from "./reminders";

const local = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toJSDate();
const inZone = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone }).toISO({ suppressMilliseconds: true });
const hoursBetween = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe("reminder times across the clock changes", () => {
  // The rule: a whole-day offset keeps the wall-clock time (same local time N days before);
  // an offset in hours or minutes is elapsed time.
  it.each([
    // Europe/London springs forward at 01:00 on 2027-03-28 (GMT → BST): the day before has 23 hours to the appointment.
    ["Europe/London", "2027-03-28T10:00", "2027-03-27T10:00:00Z", 23, "2027-03-28T08:00:00+01:00", 2],
    // …and falls back at 02:00 on 2027-10-31 (BST → GMT): 25 hours.
    ["Europe/London", "2027-10-31T10:00", "2027-10-30T10:00:00+01:00", 25, "2027-10-31T08:00:00Z", 2],
    // America/New_York springs forward at 02:00 on 2027-03-14.
    ["America/New_York", "2027-03-14T10:00", "2027-03-13T10:00:00-05:00", 23, "2027-03-14T08:00:00-04:00", 2],
    // …and falls back at 02:00 on 2027-11-07.
    ["America/New_York", "2027-11-07T10:00", "2027-11-06T10:00:00-04:00", 25, "2027-11-07T08:00:00-05:00", 2],
  ])("%s, appointment %s: 24 h before is the same wall-clock time the day before; 2 h before is two real hours", (zone, start, dayBefore, dayHours, twoBefore, twoHours) => {
    const appointment = local(start, zone);
    const day = reminderDueAt(appointment, 1440, zone);
    expect(inZone(day, zone)).toBe(DateTime.fromISO(dayBefore, { setZone: true }).setZone(zone).toISO({ suppressMilliseconds: true }));
    expect(hoursBetween(day, appointment)).toBe(dayHours);
    const two = reminderDueAt(appointment, 120, zone);
    expect(two.toISOString()).toBe(new Date(twoBefore).toISOString());
    expect(hoursBetween(two, appointment)).toBe(twoHours);
  });

  it("keeps the wall-clock time on the day after a change too, and for two days before", () => {
    const zone = "Europe/London";
    const appointment = local("2027-03-29T09:30", zone);
    expect(inZone(reminderDueAt(appointment, 1440, zone), zone)).toBe("2027-03-28T09:30:00+01:00");
    expect(inZone(reminderDueAt(appointment, 2880, zone), zone)).toBe("2027-03-27T09:30:00+00:00");
  });
});

describe("plannedReminders", () => {
  const zone = "Europe/London";
  const start = local("2027-06-15T10:00", zone);
  it("plans each offset once, earliest first", () => {
    const planned = plannedReminders(start, [120, 1440, 120], zone, local("2027-06-01T00:00", zone));
    expect(planned.map((r) => [r.offsetMinutes, inZone(r.dueAt, zone)])).toEqual([
      [1440, "2027-06-14T10:00:00+01:00"],
      [120, "2027-06-15T08:00:00+01:00"],
    ]);
  });
  it("leaves out a reminder whose time has already come when the booking is made", () => {
    const planned = plannedReminders(start, [1440, 120], zone, local("2027-06-15T07:00", zone));
    expect(planned.map((r) => r.offsetMinutes)).toEqual([120]);
    expect(plannedReminders(start, [1440, 120], zone, local("2027-06-15T08:00", zone))).toEqual([]);
  });
});

describe("describeReminderOffset", () => {
  it("says it as a customer reads it", () => {
    expect(describeReminderOffset(1440)).toBe("the day before");
    expect(describeReminderOffset(2880)).toBe("2 days before");
    expect(describeReminderOffset(120)).toBe("2 hours before");
    expect(describeReminderOffset(60)).toBe("1 hour before");
    expect(describeReminderOffset(90)).toBe("90 minutes before");
  });
});

describe("reminderNotice", () => {
  const zone = "Europe/London";
  const start = local("2027-06-15T10:00", zone);
  it("tells the customer the reminders this booking would get, and nothing when none", () => {
    expect(reminderNotice(start, [1440], zone, local("2027-06-01T00:00", zone))).toBe("We'll remind you by email the day before.");
    expect(reminderNotice(start, [120, 1440], zone, local("2027-06-01T00:00", zone))).toBe("We'll remind you by email the day before and 2 hours before.");
    expect(reminderNotice(start, [1440, 120], zone, local("2027-06-15T07:00", zone))).toBe("We'll remind you by email 2 hours before.");
    expect(reminderNotice(start, [], zone, local("2027-06-01T00:00", zone))).toBeNull();
  });
});
