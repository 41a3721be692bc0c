import { describe, expect, it } from "vitest";
import { moveBookingSchema } from "./owner-booking-schemas";
import { dayGridStarts } from "./drag-move";

describe("the day view's drop grid", () => {
  it("names the instant of every slot-grid row of the day, in the salon's zone", () => {
    const grid = dayGridStarts("2027-06-15", { startMinute: 9 * 60, endMinute: 10 * 60 }, "Europe/London");
    expect(grid).toEqual({
      540: "2027-06-15T08:00:00.000Z",
      555: "2027-06-15T08:15:00.000Z",
      570: "2027-06-15T08:30:00.000Z",
      585: "2027-06-15T08:45:00.000Z",
    });
  });

  it("leaves out the times the clocks skip, so nothing is dropped on a time that does not exist", () => {
    // London springs forward at 01:00 on 28 March 2027: 01:00–01:59 never happen.
    const grid = dayGridStarts("2027-03-28", { startMinute: 0, endMinute: 3 * 60 }, "Europe/London");
    expect(Object.keys(grid).map(Number)).toEqual([0, 15, 30, 45, 120, 135, 150, 165]);
    expect(grid[120]).toBe("2027-03-28T01:00:00.000Z");
  });
});

describe("the move action's way back", () => {
  const input = { bookingId: "3f0e7c6a-1d2b-4c5d-8e9f-0a1b2c3d4e5f", choice: "2027-06-15T08:00:00.000Z|3f0e7c6a-1d2b-4c5d-8e9f-0a1b2c3d4e5f" };

  it("may be the dashboard's calendar, with its own query", () => {
    const parsed = moveBookingSchema.parse({ ...input, returnTo: "/dashboard?salon=3f0e7c6a-1d2b-4c5d-8e9f-0a1b2c3d4e5f&date=2027-06-15" });
    expect(parsed.returnTo).toBe("/dashboard?salon=3f0e7c6a-1d2b-4c5d-8e9f-0a1b2c3d4e5f&date=2027-06-15");
    expect(moveBookingSchema.parse(input).returnTo).toBeUndefined();
  });

  it("is never another site or another page", () => {
    for (const returnTo of ["https://evil.example/dashboard", "//evil.example", "/dashboard/../account", "/account", "/dashboard?x=<script>"]) {
      expect(moveBookingSchema.safeParse({ ...input, returnTo }).success, returnTo).toBe(false);
    }
  });
});
