import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/database";
import { createSalonFixture, type SalonFixture } from "@/lib/testing/fixtures";
import { domainRows, hostileText, hugeNumber, oddDate } from "@/lib/testing/hostile";

// Property tests over the owner's settings actions as a form posts to them (issue 13): whatever
// the fields hold, an action answers a form state or redirects after saving. It never fails on our
// side ("error": the database refused something the schema let through), and a refusal writes
// nothing. The session is replaced, as in actions.test.ts.

const requireOwner = vi.fn();
vi.mock("@/auth", () => ({ requireOwner: () => requireOwner() }));
let db: TestDatabase;
vi.mock("@/db/client", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/db/client")>()),
  getDb: async () => db.db,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
class Redirect extends Error {}
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new Redirect(url);
  },
}));

const { createSalonAction } = await import("./new/actions");
const { updateSalonAction } = await import("./[salonId]/settings/actions");
const { addServiceAction, updateServiceAction } = await import("./[salonId]/settings/services/actions");
const { addStylistAction, renameStylistAction } = await import("./[salonId]/settings/stylists/actions");
const { addTimeOffAction, setWeeklyHoursAction } = await import("./[salonId]/settings/stylists/[stylistId]/actions");
const { setSalonHoursAction } = await import("./[salonId]/settings/hours/actions");

let mine: SalonFixture;
beforeAll(async () => {
  db = await createTestDatabase();
  mine = await createSalonFixture(db.db);
});
afterAll(async () => {
  await db?.dispose();
});
beforeEach(() => {
  requireOwner.mockResolvedValue({ id: mine.owner.id, email: mine.owner.email, name: mine.owner.name });
});

const value = fc.oneof(hostileText, oddDate, hugeNumber.map(String));
const fields = (names: string[]) => fc.record(Object.fromEntries(names.map((n) => [n, value])) as Record<string, typeof value>);

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, v] of Object.entries(entries)) data.append(name, v);
  return data;
}

type Action = (state: { status: "idle" }, data: FormData) => Promise<unknown>;

/** Runs the action; a refusal must leave every row as it was, and nothing may fail on our side. */
async function check(action: Action, data: FormData) {
  const before = await domainRows(db.db);
  let state: unknown;
  try {
    state = await action({ status: "idle" }, data);
  } catch (error) {
    if (error instanceof Redirect) return; // saved
    throw error;
  }
  expect((state as { status: string }).status, JSON.stringify(state)).not.toBe("error");
  expect(await domainRows(db.db)).toEqual(before);
}

const RUNS = 60;

describe("owner settings actions under hostile input", () => {
  const salon = ["name", "slug", "timeZone", "address", "bufferMinutes", "minNoticeMinutes", "cancellationCutoffMinutes", "bookingHorizonDays"];

  it("create and update a salon", async () => {
    await fc.assert(
      fc.asyncProperty(fields(salon), fc.boolean(), async (values, update) => {
        await check(update ? updateSalonAction : createSalonAction, form(update ? { ...values, salonId: mine.salon.id } : values));
      }),
      { numRuns: RUNS },
    );
  });

  it("add and edit a service", async () => {
    await fc.assert(
      fc.asyncProperty(fields(["name", "durationMinutes", "price"]), fc.boolean(), async (values, update) => {
        await check(
          update ? updateServiceAction : addServiceAction,
          form(update ? { ...values, serviceId: mine.services[0].id } : { ...values, salonId: mine.salon.id }),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("add and rename a stylist", async () => {
    await fc.assert(
      fc.asyncProperty(value, fc.boolean(), async (name, rename) => {
        await check(rename ? renameStylistAction : addStylistAction, form(rename ? { stylistId: mine.stylists[0].id, name } : { salonId: mine.salon.id, name }));
      }),
      { numRuns: RUNS },
    );
  });

  it("set hours and add time off", async () => {
    await fc.assert(
      fc.asyncProperty(
        fields(["weekdays", "source", "stretches.0.start", "stretches.0.end", "startDate", "endDate", "reason"]),
        fc.boolean(),
        async (values, hours) => {
          await check(hours ? setWeeklyHoursAction : addTimeOffAction, form({ ...values, stylistId: mine.stylists[1].id }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("set the salon's opening hours", async () => {
    await fc.assert(
      fc.asyncProperty(fields(["weekdays", "stretches.0.start", "stretches.0.end", "stretches.1.start", "stretches.1.end"]), async (values) => {
        await check(setSalonHoursAction, form({ ...values, salonId: mine.salon.id }));
      }),
      { numRuns: RUNS },
    );
  });
});
