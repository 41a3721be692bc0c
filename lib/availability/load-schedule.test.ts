import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { insertBookingWithEvent } from "@/lib/booking/insert-booking";
import { newKey } from "@/lib/booking/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { loadSalonSchedule, loadSchedule, type LoadedSchedule, type ScheduleQuery } from "./load-schedule";
import { UnknownEntityError } from "@/lib/booking/errors";

// The schedule read is the booking path's one read: its query is built once per database and
// bound with each call's salon, service, stylist and dates.
let t: TestDatabase;
let london: SalonFixture;
let tokyo: SalonFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  london = await createSalonFixture(t.db, { daysOff: ["2027-06-16"] });
  tokyo = await createSalonFixture(t.db, { timeZone: "Asia/Tokyo", stylists: 3 });
  // One booking each: London's first stylist on 15 June, Tokyo's second on 15 June (Tokyo time).
  for (const [f, stylist, start] of [
    [london, 0, "2027-06-15T09:00:00Z"],
    [tokyo, 1, "2027-06-15T01:00:00Z"],
  ] as const) {
    const startsAt = new Date(start);
    const endsAt = new Date(startsAt.getTime() + 30 * 60_000);
    await insertBookingWithEvent(
      t.db,
      {
        reference: `LS${newKey().slice(-6).toUpperCase()}`,
        salonId: f.salon.id,
        serviceId: f.services[0].id,
        stylistId: f.stylists[stylist].id,
        customerName: "Jo",
        customerEmail: "jo@example.com",
        startsAt,
        endsAt,
        blockedUntil: endsAt,
        idempotencyKey: newKey("schedule"),
        requestHash: "0".repeat(64),
      },
      { salon: f.salon, service: f.services[0], stylist: { id: f.stylists[stylist].id, name: f.stylists[stylist].name } },
    );
  }
});
afterAll(async () => {
  await t?.dispose();
});

/** What a read found, in a form that names each salon's rows. */
function summary(s: LoadedSchedule) {
  return {
    service: s.service.name,
    timeZone: s.input.rules.timeZone,
    stylists: s.input.stylists.map((st) => ({
      name: s.stylistNames.get(st.stylistId),
      hours: st.hours.length,
      daysOff: st.daysOff.map((d) => d.startDate),
      busy: st.busy.map((b) => b.start.toISOString()),
    })),
  };
}

const forms: { name: string; query: (f: SalonFixture, stylist?: number) => ScheduleQuery }[] = [
  { name: "on an instant", query: (f, stylist) => ({ serviceId: f.services[0].id, stylistId: stylist === undefined ? undefined : f.stylists[stylist].id, on: new Date("2027-06-15T10:00:00Z") }) },
  { name: "over a range", query: (f, stylist) => ({ serviceId: f.services[0].id, stylistId: stylist === undefined ? undefined : f.stylists[stylist].id, from: "2027-06-15", to: "2027-06-16" }) },
];

describe("loadSchedule and loadSalonSchedule", () => {
  it("read every form (by slug or salon, an instant or a range, one stylist or all) through a query built once per database", async () => {
    const select = vi.spyOn(t.db, "select");
    try {
      for (let round = 0; round < 2; round++) {
        for (const form of forms) {
          // Alternate the salons so each statement is bound with both salons' values.
          for (const f of round === 0 ? [london, tokyo] : [tokyo, london]) {
            const bySlug = await loadSalonSchedule(t.db, f.salon.slug, form.query(f));
            expect(bySlug?.salon.id, form.name).toBe(f.salon.id);
            const byId = await loadSchedule(t.db, f.salon, form.query(f));
            expect(summary(byId)).toEqual(summary(bySlug!.schedule));
            const oneBySlug = await loadSalonSchedule(t.db, f.salon.slug, form.query(f, 1));
            const oneById = await loadSchedule(t.db, f.salon, form.query(f, 1));
            expect(summary(oneById)).toEqual(summary(oneBySlug!.schedule));
            expect(oneById.input.stylists.map((s) => s.stylistId)).toEqual([f.stylists[1].id]);
          }
        }
      }
      // Two lookups × two date forms × one stylist or all: eight queries, each built once.
      expect(select).toHaveBeenCalledTimes(8);
    } finally {
      select.mockRestore();
    }
  });

  it("binds each call's values: the salon's own zone, stylists, days off and bookings", async () => {
    const range = forms[1].query;
    const l = summary((await loadSalonSchedule(t.db, london.salon.slug, range(london)))!.schedule);
    expect(l.timeZone).toBe("Europe/London");
    expect(l.stylists.map((s) => s.name)).toEqual(["Stylist 1", "Stylist 2"]);
    expect(l.stylists[0]).toMatchObject({ hours: 14, daysOff: ["2027-06-16"], busy: ["2027-06-15T09:00:00.000Z"] });
    expect(l.stylists[1]).toMatchObject({ daysOff: [], busy: [] });

    const k = summary(await loadSchedule(t.db, tokyo.salon, { ...range(tokyo), from: "2027-06-15", to: "2027-06-15" }));
    expect(k.timeZone).toBe("Asia/Tokyo");
    expect(k.stylists.map((s) => s.busy)).toEqual([[], ["2027-06-15T01:00:00.000Z"], []]);
    // An instant is read on the salon's local date: 2027-06-14T20:00Z is already the 15th in Tokyo.
    const onTokyoDate = summary(await loadSchedule(t.db, tokyo.salon, { serviceId: tokyo.services[0].id, on: new Date("2027-06-14T20:00:00Z") }));
    expect(onTokyoDate.stylists[1].busy).toEqual(["2027-06-15T01:00:00.000Z"]);
  });

  it("reads for a booking at an instant the bookings its block overlaps, and for any stylist the day's too", async () => {
    // London's first stylist is booked 09:00–09:30 on 15 June; the service takes 30 minutes, no buffer.
    const at = (iso: string, stylist?: number) => ({ serviceId: london.services[0].id, stylistId: stylist === undefined ? undefined : london.stylists[stylist].id, on: new Date(iso) });
    const busy = async (q: ScheduleQuery) => summary(await loadSchedule(t.db, london.salon, q)).stylists.map((s) => s.busy);
    expect(await busy(at("2027-06-15T08:45:00Z", 0))).toEqual([["2027-06-15T09:00:00.000Z"]]);
    expect(await busy(at("2027-06-15T09:15:00Z", 0))).toEqual([["2027-06-15T09:00:00.000Z"]]);
    // Touching is not overlapping: a block may end where a booking starts, or start where one ends.
    expect(await busy(at("2027-06-15T08:30:00Z", 0))).toEqual([[]]);
    expect(await busy(at("2027-06-15T09:30:00Z", 0))).toEqual([[]]);
    expect(await busy(at("2027-06-15T16:00:00Z", 0))).toEqual([[]]);
    // Any stylist: the day's bookings set who is preferred, wherever the block falls.
    expect(await busy(at("2027-06-15T16:00:00Z"))).toEqual([["2027-06-15T09:00:00.000Z"], []]);
  });

  it("treats another salon's service or stylist, and an unknown slug, as unknown", async () => {
    const q = forms[0].query;
    await expect(loadSchedule(t.db, london.salon, q(tokyo))).rejects.toThrow(UnknownEntityError);
    await expect(loadSchedule(t.db, london.salon, { ...q(london), stylistId: tokyo.stylists[0].id })).rejects.toThrow(UnknownEntityError);
    expect(await loadSalonSchedule(t.db, "no-such-salon", q(london))).toBeUndefined();
    await expect(loadSalonSchedule(t.db, london.salon.slug, { ...q(london), serviceId: "not-a-uuid" })).rejects.toThrow(UnknownEntityError);
  });
});
