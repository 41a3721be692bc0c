import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { salons, timeOff } from "@/db/schema";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import {
  addService,
  addStylist,
  addTimeOff,
  createSalon,
  getSalonSettings,
  getStylistSettings,
  listOwnedSalons,
  publishSalon,
  removeTimeOff,
  renameStylist,
  setServiceActive,
  setStylistActive,
  setWeeklyHours,
  updateSalon,
  unpublishSalon,
  updateService,
  type OwnerId,
  type SettingsResult,
} from "./index";
import { NOW, settingsSnapshot } from "./test-support";

// Every settings command refuses a caller who does not own the salon — another signed-in owner,
// nobody, or a malformed id — with "not found", and writes nothing. Each case then runs as the
// owner to show the same input is accepted: the refusal came from ownership, not from the input.

let db: TestDatabase;
let mine: SalonFixture;
let myDraft: SalonFixture;
let theirs: SalonFixture;
let myTimeOffId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  mine = await createSalonFixture(db.db);
  myDraft = await createSalonFixture(db.db, { published: false });
  // A second, unpublished salon of the same owner, for publishSalon.
  await db.db.update(salons).set({ ownerId: mine.owner.id }).where(eq(salons.id, myDraft.salon.id));
  theirs = await createSalonFixture(db.db);
  const [row] = await db.db
    .insert(timeOff)
    .values({ stylistId: mine.stylists[0].id, startDate: "2027-08-02", endDate: "2027-08-06" })
    .returning({ id: timeOff.id });
  myTimeOffId = row.id;
});
afterAll(async () => {
  await db?.dispose();
});

const details = () => ({
  name: "Taken Over",
  slug: `taken-over-${mine.salon.id.slice(0, 8)}`,
  timeZone: "Europe/London",
  address: "Elsewhere",
  bufferMinutes: "0",
  minNoticeMinutes: "0",
  cancellationCutoffMinutes: "0",
});

const commands: { name: string; run: (ownerId: OwnerId) => Promise<SettingsResult> }[] = [
  { name: "updateSalon", run: (o) => updateSalon(db.db, o, { salonId: mine.salon.id, ...details() }, { now: NOW }) },
  { name: "addService", run: (o) => addService(db.db, o, { salonId: mine.salon.id, name: "Fringe", durationMinutes: "15", price: "5" }) },
  {
    name: "updateService",
    run: (o) => updateService(db.db, o, { serviceId: mine.services[0].id, name: "Free cut", durationMinutes: "30", price: "0" }),
  },
  { name: "setServiceActive", run: (o) => setServiceActive(db.db, o, { serviceId: mine.services[1].id, active: "false" }, { now: NOW }) },
  { name: "addStylist", run: (o) => addStylist(db.db, o, { salonId: mine.salon.id, name: "Intruder" }) },
  { name: "renameStylist", run: (o) => renameStylist(db.db, o, { stylistId: mine.stylists[0].id, name: "Renamed" }) },
  { name: "setStylistActive", run: (o) => setStylistActive(db.db, o, { stylistId: mine.stylists[1].id, active: "false" }, { now: NOW }) },
  {
    name: "setWeeklyHours",
    run: (o) => setWeeklyHours(db.db, o, { stylistId: mine.stylists[0].id, weekdays: ["7"], stretches: [] }, { now: NOW }),
  },
  {
    name: "addTimeOff",
    run: (o) => addTimeOff(db.db, o, { stylistId: mine.stylists[0].id, startDate: "2027-09-01", endDate: "2027-09-03" }, { now: NOW }),
  },
  {
    name: "addTimeOff (hours of one day)",
    run: (o) =>
      addTimeOff(
        db.db,
        o,
        { stylistId: mine.stylists[0].id, startDate: "2027-09-10", endDate: "2027-09-10", startTime: "13:00", endTime: "15:00" },
        { now: NOW },
      ),
  },
  { name: "removeTimeOff", run: (o) => removeTimeOff(db.db, o, { timeOffId: myTimeOffId }) },
  { name: "publishSalon", run: (o) => publishSalon(db.db, o, { salonId: myDraft.salon.id }, { now: NOW }) },
  // Last: it hides the owner's salon, which the commands above do not mind, but keep it apart.
  { name: "unpublishSalon", run: (o) => unpublishSalon(db.db, o, { salonId: mine.salon.id }) },
];

describe.each(commands)("$name", ({ run }) => {
  it("refuses another owner, no owner and a malformed owner id with not_found, and writes nothing", async () => {
    const before = await settingsSnapshot(db.db);
    for (const caller of [theirs.owner.id, null, undefined, "", "not-a-uuid"]) {
      expect(await run(caller), String(caller)).toEqual({ status: "not_found" });
    }
    expect(await settingsSnapshot(db.db)).toEqual(before);

    expect((await run(mine.owner.id)).status).toBe("ok");
    expect(await settingsSnapshot(db.db)).not.toEqual(before);
  });
});

describe("createSalon", () => {
  const input = () => ({ ...details(), slug: "nobodys-salon" });

  it("refuses no owner and an owner id that does not exist, and writes nothing", async () => {
    const before = await settingsSnapshot(db.db);
    for (const caller of [null, undefined, "", "3f0e7c6a-1d2b-4c5d-8e9f-0a1b2c3d4e5f"]) {
      expect(await createSalon(db.db, caller, input()), String(caller)).toEqual({ status: "not_found" });
    }
    expect(await settingsSnapshot(db.db)).toEqual(before);
  });

  it("makes the salon the caller's own, never anyone else's", async () => {
    const result = await createSalon(db.db, theirs.owner.id, input());
    expect(result.status).toBe("ok");
    const salonId = (result as { salonId: string }).salonId;
    expect((await listOwnedSalons(db.db, theirs.owner.id)).map((s) => s.id)).toContain(salonId);
    expect((await listOwnedSalons(db.db, mine.owner.id)).map((s) => s.id)).not.toContain(salonId);
  });
});

describe("settings reads", () => {
  it("show a salon and its stylists only to their owner", async () => {
    expect(await getSalonSettings(db.db, theirs.owner.id, mine.salon.id)).toBeNull();
    expect(await getSalonSettings(db.db, null, mine.salon.id)).toBeNull();
    expect(await getSalonSettings(db.db, mine.owner.id, "not-a-uuid")).toBeNull();
    expect((await getSalonSettings(db.db, mine.owner.id, mine.salon.id))?.salon.id).toBe(mine.salon.id);

    const ids = { salonId: mine.salon.id, stylistId: mine.stylists[0].id };
    expect(await getStylistSettings(db.db, theirs.owner.id, ids)).toBeNull();
    expect(await getStylistSettings(db.db, undefined, ids)).toBeNull();
    expect((await getStylistSettings(db.db, mine.owner.id, ids))?.stylist.id).toBe(mine.stylists[0].id);
  });

  it("do not show a stylist under a salon it does not belong to, even one the caller owns", async () => {
    const other = await createSalon(db.db, mine.owner.id, { ...details(), slug: "mine-too" });
    const otherSalonId = (other as { salonId: string }).salonId;
    expect(await getStylistSettings(db.db, mine.owner.id, { salonId: otherSalonId, stylistId: mine.stylists[0].id })).toBeNull();
  });

  it("list no salons for nobody", async () => {
    expect(await listOwnedSalons(db.db, null)).toEqual([]);
    expect(await listOwnedSalons(db.db, "garbage")).toEqual([]);
  });
});
