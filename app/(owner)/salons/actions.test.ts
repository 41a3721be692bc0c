import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { timeOff } from "@/db/schema";
import { book, NOW, settingsSnapshot } from "@/lib/salons/settings/test-support";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";

// The settings server actions as a form posts to them: the session is replaced (this test does
// not forge Auth.js cookies), the database is a real one, and redirect() throws as it does in Next.

const requireOwner = vi.fn();
vi.mock("@/auth", () => ({ requireOwner: () => requireOwner() }));
let db: TestDatabase;
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => db.db,
}));
const revalidatePath = vi.fn();
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => revalidatePath(...args) }));
class Redirect extends Error {
  constructor(readonly url: string) {
    super(`redirect ${url}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));

const { createSalonAction } = await import("./new/actions");
const { unpublishSalonAction, updateSalonAction } = await import("./[salonId]/settings/actions");
const { addServiceAction, setServiceActiveAction, updateServiceAction } = await import("./[salonId]/settings/services/actions");
const { addStylistAction, renameStylistAction, setStylistActiveAction } = await import("./[salonId]/settings/stylists/actions");
const { addTimeOffAction, removeTimeOffAction, setWeeklyHoursAction } = await import("./[salonId]/settings/stylists/[stylistId]/actions");

let mine: SalonFixture;
let theirs: SalonFixture;
let timeOffId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  mine = await createSalonFixture(db.db);
  theirs = await createSalonFixture(db.db);
  const [row] = await db.db
    .insert(timeOff)
    .values({ stylistId: mine.stylists[0].id, startDate: "2030-01-07", endDate: "2030-01-08" })
    .returning({ id: timeOff.id });
  timeOffId = row.id;
});
afterAll(async () => {
  await db?.dispose();
});
beforeEach(() => {
  requireOwner.mockReset();
  revalidatePath.mockReset();
});

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(name, v);
  }
  return data;
}

const signedInAs = (f: SalonFixture | null) =>
  requireOwner.mockResolvedValue(f ? { id: f.owner.id, email: f.owner.email, name: f.owner.name } : null);

const idle = { status: "idle" } as const;

const salonFields = () => ({
  name: "Camden Curls",
  slug: `camden-${mine.salon.id.slice(0, 6)}`,
  timeZone: "Europe/London",
  address: "1 High Street",
  bufferMinutes: "0",
  minNoticeMinutes: "0",
  cancellationCutoffMinutes: "0",
});

type Action = (state: typeof idle, data: FormData) => Promise<unknown>;
const cases: { name: string; action: Action; data: () => FormData }[] = [
  { name: "updateSalonAction", action: updateSalonAction, data: () => form({ salonId: mine.salon.id, ...salonFields() }) },
  { name: "addServiceAction", action: addServiceAction, data: () => form({ salonId: mine.salon.id, name: "Fringe", durationMinutes: "15", price: "5" }) },
  {
    name: "updateServiceAction",
    action: updateServiceAction,
    data: () => form({ serviceId: mine.services[0].id, name: "Cut", durationMinutes: "30", price: "1" }),
  },
  { name: "setServiceActiveAction", action: setServiceActiveAction, data: () => form({ serviceId: mine.services[1].id, active: "false" }) },
  { name: "addStylistAction", action: addStylistAction, data: () => form({ salonId: mine.salon.id, name: "Intruder" }) },
  { name: "renameStylistAction", action: renameStylistAction, data: () => form({ stylistId: mine.stylists[0].id, name: "Renamed" }) },
  { name: "setStylistActiveAction", action: setStylistActiveAction, data: () => form({ stylistId: mine.stylists[1].id, active: "false" }) },
  {
    name: "setWeeklyHoursAction",
    action: setWeeklyHoursAction,
    data: () => form({ stylistId: mine.stylists[0].id, weekdays: ["6", "7"], "stretches.0.start": "10:00", "stretches.0.end": "14:00" }),
  },
  {
    name: "addTimeOffAction",
    action: addTimeOffAction,
    data: () => form({ stylistId: mine.stylists[0].id, startDate: "2030-02-04", endDate: "2030-02-05", reason: "" }),
  },
  { name: "removeTimeOffAction", action: removeTimeOffAction, data: () => form({ timeOffId }) },
  // Last: the salon is published for the cases above.
  { name: "unpublishSalonAction", action: unpublishSalonAction, data: () => form({ salonId: mine.salon.id }) },
];

describe.each(cases)("$name", ({ action, data }) => {
  it("refuses a signed-out caller and another owner, writes nothing, then works for the owner", async () => {
    const before = await settingsSnapshot(db.db);
    signedInAs(null);
    expect(await action(idle, data())).toMatchObject({ status: "unauthorized", message: expect.stringMatching(/signed out/) });
    signedInAs(theirs);
    expect(await action(idle, data())).toMatchObject({ status: "not_found", message: expect.stringMatching(/not found among your salons/) });
    expect(await settingsSnapshot(db.db)).toEqual(before);
    expect(revalidatePath).not.toHaveBeenCalled();

    signedInAs(mine);
    await expect(action(idle, data())).rejects.toThrow(new RegExp(`^redirect /salons/${mine.salon.id}/settings`));
    expect(revalidatePath).toHaveBeenCalled();
  });
});

describe("createSalonAction", () => {
  it("refuses a signed-out caller; a signed-in owner lands on the new salon's settings", async () => {
    const before = await settingsSnapshot(db.db);
    signedInAs(null);
    expect(await createSalonAction(idle, form({ ...salonFields(), slug: "brand-new" }))).toMatchObject({ status: "unauthorized" });
    expect(await settingsSnapshot(db.db)).toEqual(before);
    signedInAs(mine);
    await expect(createSalonAction(idle, form({ ...salonFields(), slug: "brand-new" }))).rejects.toThrow(
      /^redirect \/salons\/[0-9a-f-]{36}\/settings\?saved=created$/,
    );
  });

  it("answers a taken slug and bad fields with field errors and keeps what was typed", async () => {
    signedInAs(mine);
    const state = await createSalonAction(idle, form({ ...salonFields(), slug: theirs.salon.slug, bufferMinutes: "-1", timeZone: "Nowhere/Land" }));
    expect(state).toMatchObject({
      status: "invalid",
      fieldErrors: { bufferMinutes: [expect.any(String)], timeZone: ["Please choose a time zone from the list"] },
      values: { slug: theirs.salon.slug, bufferMinutes: "-1", timeZone: "Nowhere/Land" },
    });
    const clash = await createSalonAction(idle, form({ ...salonFields(), slug: theirs.salon.slug }));
    expect(clash).toMatchObject({ status: "invalid", fieldErrors: { slug: [expect.stringMatching(/already taken/)] } });
  });
});

describe("setWeeklyHoursAction", () => {
  it("puts an error on the row it was typed in, even when rows above are empty", async () => {
    signedInAs(mine);
    const state = await setWeeklyHoursAction(
      idle,
      form({ stylistId: mine.stylists[0].id, weekdays: ["1"], "stretches.0.start": "", "stretches.0.end": "", "stretches.1.start": "17:00", "stretches.1.end": "09:00" }),
    );
    expect(state).toMatchObject({ status: "invalid", fieldErrors: { "stretches.1.end": ["End must be after start"] } });
  });

  it("lists stranded bookings, and saves once the owner ticks keep with those bookings", async () => {
    vi.useFakeTimers({ now: NOW, toFake: ["Date"] });
    try {
      const f = await createSalonFixture(db.db);
      const booking = await book(db.db, f, { time: "10:00", name: "Ada Lovelace" });
      signedInAs(f);
      const fields = { stylistId: f.stylists[0].id, weekdays: ["2"], "stretches.0.start": "13:00", "stretches.0.end": "17:00" };
      const state = await setWeeklyHoursAction(idle, form(fields));
      expect(state).toMatchObject({
        status: "stranded",
        message: "These hours would leave 1 future booking outside the stylist's working time.",
        stranded: { total: 1, bookings: [{ id: booking.id, customerName: "Ada Lovelace", timeLabel: "10:00" }] },
      });
      // The ids alone, without the ticked box, are not consent.
      expect(await setWeeklyHoursAction(idle, form({ ...fields, keepBookingIds: [booking.id] }))).toMatchObject({ status: "stranded" });
      await expect(setWeeklyHoursAction(idle, form({ ...fields, keepBookingIds: [booking.id], keepBookings: "yes" }))).rejects.toThrow(
        `redirect /salons/${f.salon.id}/settings/stylists/${f.stylists[0].id}?saved=hours&day=2`,
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
