import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { addService, addTimeOff, createSalon, getSalonSettings, setWeeklyHours, updateSalon, updateService } from "./index";
import { NOW, settingsSnapshot } from "./test-support";

// Bad settings input, sent by the salon's own owner: a clear error on the field at fault, and
// nothing written. The database's constraints are a backstop; these answers come before them.

let db: TestDatabase;
let f: SalonFixture;

beforeAll(async () => {
  db = await createTestDatabase();
  f = await createSalonFixture(db.db);
});
afterAll(async () => {
  await db?.dispose();
});

const salonInput = (slug: string) => ({
  name: "Camden Curls",
  slug,
  timeZone: "Europe/London",
  address: "1 Camden High Street",
  bufferMinutes: "5",
  minNoticeMinutes: "60",
  cancellationCutoffMinutes: "120",
});

async function expectNothingWritten(run: () => Promise<unknown>) {
  const before = await settingsSnapshot(db.db);
  const result = await run();
  expect(await settingsSnapshot(db.db)).toEqual(before);
  return result;
}

describe("settings validation", () => {
  it("overlapping stretches: refused on the overlapping stretch", async () => {
    const result = await expectNothingWritten(() =>
      setWeeklyHours(
        db.db,
        f.owner.id,
        {
          stylistId: f.stylists[0].id,
          weekdays: ["1", "2"],
          stretches: [
            { start: "09:00", end: "12:30" },
            { start: "12:00", end: "18:00" },
          ],
        },
        { now: NOW },
      ),
    );
    expect(result).toEqual({
      status: "invalid",
      fieldErrors: { "stretches.1.start": ["Overlaps 09:00–12:30; stretches of a day must not overlap"] },
    });
  });

  it("an end before the start, for hours and for time off", async () => {
    const hours = await expectNothingWritten(() =>
      setWeeklyHours(db.db, f.owner.id, { stylistId: f.stylists[0].id, weekdays: ["3"], stretches: [{ start: "18:00", end: "09:00" }] }),
    );
    expect(hours).toEqual({ status: "invalid", fieldErrors: { "stretches.0.end": ["End must be after start"] } });
    const off = await expectNothingWritten(() =>
      addTimeOff(db.db, f.owner.id, { stylistId: f.stylists[0].id, startDate: "2027-07-10", endDate: "2027-07-09" }),
    );
    expect(off).toEqual({ status: "invalid", fieldErrors: { endDate: ["The last day must not be before the first"] } });
  });

  it("zero and negative durations, and a negative price", async () => {
    for (const durationMinutes of ["0", "-15"]) {
      const result = await expectNothingWritten(() =>
        addService(db.db, f.owner.id, { salonId: f.salon.id, name: "Nothing", durationMinutes, price: "10" }),
      );
      expect(result).toMatchObject({ status: "invalid", fieldErrors: { durationMinutes: [expect.stringMatching(/Duration must be/)] } });
    }
    const result = await expectNothingWritten(() =>
      updateService(db.db, f.owner.id, { serviceId: f.services[0].id, name: "Cut", durationMinutes: "30", price: "-5.00" }),
    );
    expect(result).toMatchObject({ status: "invalid", fieldErrors: { price: [expect.stringMatching(/price of 0 or more/)] } });
  });

  it("a contact phone, country, currency or locale that cannot be right: refused on its field", async () => {
    const edit = (fields: Record<string, string>) =>
      expectNothingWritten(() => updateSalon(db.db, f.owner.id, { salonId: f.salon.id, ...salonInput(f.salon.slug), ...fields }, { now: NOW }));
    expect(await edit({ contactPhone: "1", country: "GB" })).toEqual({
      status: "invalid",
      fieldErrors: { contactPhone: ["Please enter a complete phone number (numbers without +country code are read as GB)"] },
    });
    expect(await edit({ country: "XX" })).toEqual({ status: "invalid", fieldErrors: { country: ["Please choose a country from the list"] } });
    expect(await edit({ currency: "EURO" })).toEqual({ status: "invalid", fieldErrors: { currency: ["Please choose a currency from the list"] } });
    expect(await edit({ locale: "xx-YY" })).toEqual({ status: "invalid", fieldErrors: { locale: ["Please choose a locale from the list"] } });
  });

  it("the contact phone, country, currency and locale are saved, and a form without them keeps them", async () => {
    const g = await createSalonFixture(db.db);
    const input = { salonId: g.salon.id, ...salonInput(g.salon.slug), timeZone: g.salon.timeZone };
    const fields = { contactPhone: "(212) 555-0142", country: "US", currency: "USD", locale: "en-US" };
    expect((await updateSalon(db.db, g.owner.id, { ...input, ...fields }, { now: NOW })).status).toBe("ok");
    expect((await updateSalon(db.db, g.owner.id, { ...input, name: "Renamed" }, { now: NOW })).status).toBe("ok");
    const saved = await getSalonSettings(db.db, g.owner.id, g.salon.id);
    expect(saved?.salon).toMatchObject({ name: "Renamed", ...fields });
  });

  it("an unknown time zone, when creating and when editing", async () => {
    const created = await expectNothingWritten(() =>
      createSalon(db.db, f.owner.id, { ...salonInput("nowhere-salon"), timeZone: "Atlantis/Lost_City" }),
    );
    expect(created).toEqual({ status: "invalid", fieldErrors: { timeZone: ["Please choose a time zone from the list"] } });
    const edited = await expectNothingWritten(() =>
      updateSalon(db.db, f.owner.id, { salonId: f.salon.id, ...salonInput(f.salon.slug), timeZone: "UTC+3" }, { now: NOW }),
    );
    expect(edited).toEqual({ status: "invalid", fieldErrors: { timeZone: ["Please choose a time zone from the list"] } });
  });

  it("a slug another salon has: a field error, not a server error, when creating and when editing", async () => {
    const other = await createSalonFixture(db.db);
    const created = await expectNothingWritten(() => createSalon(db.db, f.owner.id, salonInput(other.salon.slug)));
    expect(created).toEqual({
      status: "invalid",
      fieldErrors: { slug: ["That address is already taken by another salon; please choose another slug"] },
    });
    const edited = await expectNothingWritten(() =>
      updateSalon(db.db, f.owner.id, { salonId: f.salon.id, ...salonInput(other.salon.slug) }, { now: NOW }),
    );
    expect(edited).toMatchObject({ status: "invalid", fieldErrors: { slug: [expect.stringMatching(/already taken/)] } });
    // Keeping its own slug is no clash.
    const kept = await updateSalon(db.db, f.owner.id, { salonId: f.salon.id, ...salonInput(f.salon.slug) }, { now: NOW });
    expect(kept).toEqual({ status: "ok", salonId: f.salon.id });
  });

  it("several bad fields at once are all reported", async () => {
    const result = await expectNothingWritten(() =>
      createSalon(db.db, f.owner.id, { ...salonInput("Bad Slug"), name: "", bufferMinutes: "500", minNoticeMinutes: "soon" }),
    );
    expect(result).toMatchObject({ status: "invalid" });
    const errors = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(errors).sort()).toEqual(["bufferMinutes", "minNoticeMinutes", "name", "slug"]);
  });

  it("a taken slug is reported together with the other bad fields, not only once they are fixed", async () => {
    const other = await createSalonFixture(db.db);
    const created = await expectNothingWritten(() =>
      createSalon(db.db, f.owner.id, { ...salonInput(other.salon.slug), bufferMinutes: "-5" }),
    );
    expect(created).toEqual({
      status: "invalid",
      fieldErrors: {
        bufferMinutes: ["Buffer must be a whole number of minutes"],
        slug: ["That address is already taken by another salon; please choose another slug"],
      },
    });
    // Its own slug is never "taken" when editing.
    const edited = await updateSalon(db.db, f.owner.id, { salonId: f.salon.id, ...salonInput(f.salon.slug), bufferMinutes: "-5" });
    expect(edited).toEqual({ status: "invalid", fieldErrors: { bufferMinutes: ["Buffer must be a whole number of minutes"] } });
  });
});
